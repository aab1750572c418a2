import { APPS, readSecrets, runMain, SECRET_STORE, SECRETS, serviceBasics, startService, stopOnSignals } from '@bookstore/runtime';
import { config } from './config';
import { LoginThrottle, requestBudget } from './adapters/inbound/limits';
import { proxyRoutes } from './adapters/inbound/proxy-routes';
import { Upstreams } from './adapters/outbound/upstream';
import { FailureWindow, RequestBudget } from './domain/rate-limits';
import { UPSTREAMS } from './domain/routing';

runMain(async () => {
  const { log, sidecar } = serviceBasics(APPS.gateway, config);
  const secrets = await readSecrets(sidecar, SECRET_STORE, [SECRETS.jwtSigningKey], config.SIDECAR_WAIT_MS);
  const upstreams = new Upstreams(sidecar, config.UPSTREAM_TIMEOUT_MS);
  const windowMs = config.LOGIN_WINDOW_SECONDS * 1000;
  const logins = new LoginThrottle(
    new FailureWindow(config.LOGIN_FAILURES_PER_ACCOUNT, windowMs),
    new FailureWindow(config.LOGIN_FAILURES_PER_CLIENT, windowMs),
  );
  const service = await startService({
    name: APPS.gateway,
    config,
    publicEdge: true,
    sidecar,
    log,
    routes: (app) => {
      app.use(requestBudget(new RequestBudget(config.REQUESTS_PER_MINUTE)));
      proxyRoutes(app, { log, upstreams, retryAfterSeconds: config.RETRY_AFTER_SECONDS, signingKey: secrets.jwtSigningKey, logins });
    },
    // The gateway is ready when it can route; a service that is down gets 503s, not the gateway.
    readinessReport: async () => {
      const states = await Promise.all(UPSTREAMS.map(async (name) => [name, (await upstreams.isReady(name)) ? 'ready' : 'not ready'] as const));
      return { services: Object.fromEntries(states) };
    },
  });
  stopOnSignals(service, log);
});
