import { appTokenHeader } from './stack';
import type { Stack, Instance } from './stack';
import type { Keeper } from './keeper';
import { httpStatus, waitFor } from './probes';
import type { ServiceName } from './ports';

/** An instance is back when its app is ready and its sidecar healthy. */
async function ready(stack: Stack, instance: Instance): Promise<boolean> {
  const [app, sidecar] = await Promise.all([
    httpStatus(`http://127.0.0.1:${instance.ports.app}/readyz`, 1_000, appTokenHeader(stack.credentials, instance.service)),
    httpStatus(`http://127.0.0.1:${instance.ports.http}/v1.0/healthz`, 1_000),
  ]);
  return app === 200 && sidecar === 204;
}

/**
 * Restarts a service's instances one at a time, each only once the one before is ready
 * again, so that with two or more replicas some instance always serves. The app stops
 * first, finishing what it holds through its own sidecar (a placement's call to the book
 * needs it); calls routed to it meanwhile are refused before reaching it, which the
 * gateway sends again (upstream.ts, neverReachedApp). Its sidecar comes back last, once the
 * app answers: a daprd registers in name resolution as it starts. A keeper, if any, leaves
 * the instance alone meanwhile.
 */
export async function rollingRestart(stack: Stack, service: ServiceName, keeper?: Keeper, log: (line: string) => void = () => undefined): Promise<number> {
  const started = Date.now();
  const { supervisor } = stack;
  for (const instance of stack.instances.filter((i) => i.service === service)) {
    const parts = [`${instance.name}-app`, `${instance.name}-daprd`];
    parts.forEach((name) => keeper?.pause(name));
    for (const name of parts) await supervisor.stop(supervisor.get(name));
    supervisor.restart(`${instance.name}-app`);
    await waitFor(
      `${instance.name}-app after its restart`,
      async () => (await httpStatus(`http://127.0.0.1:${instance.ports.app}/healthz`)) === 200,
      60_000,
      100,
    );
    supervisor.restart(`${instance.name}-daprd`);
    await waitFor(`${instance.name} after its restart`, () => ready(stack, instance), 60_000, 250);
    parts.forEach((name) => keeper?.resume(name));
    log(`  restarted ${instance.name}`);
  }
  return Date.now() - started;
}
