import { createServer } from 'node:net';
import { baseConfigSchema, createLogger, Sidecar, startService } from '../src';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function status(url: string): Promise<number> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1_000) })).status;
  } catch {
    return 0; // refused: nothing listens
  }
}

describe('a service stopping in a pod (SHUTDOWN_LINGER_MS, SHUTDOWN_DRAIN_MS)', () => {
  it('when told to stop, then it goes not ready while healthy, then unhealthy, serving its routes all along, and only then closes its port', async () => {
    const port = await freePort();
    const config = baseConfigSchema.parse({ APP_PORT: String(port), SHUTDOWN_LINGER_MS: '1200', SHUTDOWN_DRAIN_MS: '1200' });
    const service = await startService({
      name: 'drain-test',
      problemBase: 'https://test.example/problems/',
      metricsPrefix: 'test',
      config,
      log: createLogger('drain-test'),
      sidecar: new Sidecar({ httpPort: await freePort() }),
      routes: (app) => app.get('/work', (_req, res) => res.json({ ok: true })),
    });
    const base = `http://127.0.0.1:${port}`;
    const probe = async () => [await status(`${base}/readyz`), await status(`${base}/healthz`), await status(`${base}/work`)];
    // Not ready at first either: no sidecar answers on its port.
    expect(await probe()).toEqual([503, 200, 200]);
    const stopped = service.stop();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await probe()).toEqual([503, 200, 200]); // lingering: healthy, not ready, serving
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(await probe()).toEqual([503, 503, 200]); // draining: unhealthy, still serving
    await stopped;
    expect(await status(`${base}/work`)).toBe(0);
  });

  it('when no drain is set (locally), then the port closes at once', async () => {
    const port = await freePort();
    const service = await startService({
      name: 'no-drain-test',
      problemBase: 'https://test.example/problems/',
      metricsPrefix: 'test',
      config: baseConfigSchema.parse({ APP_PORT: String(port) }),
      log: createLogger('no-drain-test'),
      sidecar: new Sidecar({ httpPort: await freePort() }),
    });
    const started = Date.now();
    await service.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await status(`http://127.0.0.1:${port}/healthz`)).toBe(0);
  });
});
