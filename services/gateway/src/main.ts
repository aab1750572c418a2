import { APPS, runMain, serviceBasics, startService, stopOnSignals } from '@bookstore/runtime';
import { config } from './config';
import { proxyRoutes } from './adapters/inbound/proxy-routes';
import { Upstreams } from './adapters/outbound/upstream';
import { UPSTREAMS } from './domain/routing';

runMain(async () => {
  const { log, sidecar } = serviceBasics(APPS.gateway, config);
  const upstreams = new Upstreams(sidecar, config.UPSTREAM_TIMEOUT_MS);
  const service = await startService({
    name: APPS.gateway,
    config,
    sidecar,
    log,
    routes: (app) => proxyRoutes(app, { upstreams, retryAfterSeconds: config.RETRY_AFTER_SECONDS }),
    // The gateway is ready when it can route; a service that is down gets 503s, not the gateway.
    readinessReport: async () => {
      const states = await Promise.all(UPSTREAMS.map(async (name) => [name, (await upstreams.isReady(name)) ? 'ready' : 'not ready'] as const));
      return { services: Object.fromEntries(states) };
    },
  });
  stopOnSignals(service, log);
});
