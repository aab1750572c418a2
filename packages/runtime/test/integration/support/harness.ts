import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir, httpStatus, Supervisor, waitFor } from '@bookstore/stack';
import { baseConfigSchema, RunningService, Sidecar, SidecarResponse, startService } from '../../../src';
import { ACTOR_TYPE, buildHost, buildSubscriptions, fileLogger, HOST_SETTINGS, Recorder, SwappableActorHost } from './app';
import { harnessPorts, HarnessPorts, refuseTakenPorts } from './ports';
import { redisPing, startControlPlane, startDaprd, startRedis } from './processes';
import { writeResources } from './resources';

export interface Harness {
  ports: HarnessPorts;
  /** A client of the daprd of its own (state, publish, actor calls), not the actor host's. */
  sidecar: Sidecar;
  recorder: Recorder;
  actors: SwappableActorHost;
  log: ReturnType<typeof fileLogger>;
  supervisor: Supervisor;
  /** Calls an actor method through daprd's actor API, as another app would. */
  callActor(id: string, method: string, body?: unknown): Promise<SidecarResponse>;
  stopRedis(): Promise<void>;
  startRedis(): Promise<void>;
  stop(): Promise<void>;
}

/** The tail of a process's log, to say why it did not come up. */
function logsOf(supervisor: Supervisor, names: string[]): string {
  const tail = (file: string): string => (existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n').slice(-10).join('\n') : '(no log)');
  return names.map((name) => `--- ${name} (${supervisor.logFile(name)}):\n${tail(supervisor.logFile(name))}`).join('\n');
}

/** Polls `check` until it passes; fails at once, naming it, if a process of the harness exits meanwhile. */
async function waitAlive(supervisor: Supervisor, what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const dead = supervisor.processes.find((m) => !m.running);
    if (dead) throw new Error(`${dead.name} exited while waiting for ${what}`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} was not ready after ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * One real daprd beside this jest process's app (startService with an ActorHost and
 * Subscriptions), with its own Redis, placement and scheduler, all under .data/runtime-test.
 * Resolves once daprd is healthy and the actor type is placed on this app.
 */
export async function startHarness(): Promise<Harness> {
  const ports = harnessPorts();
  const data = dataDir();
  const dir = join(data, 'runtime-test');
  const runDir = join(dir, 'run');
  await Supervisor.killLeftovers(runDir); // only this harness's own processes, from a run that was killed
  await refuseTakenPorts(ports);
  for (const stale of ['scheduler', 'logs', 'nameresolution.db']) {
    rmSync(join(dir, stale), { recursive: true, force: true });
  }
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const files = writeResources(dir, ports);
  const supervisor = new Supervisor(join(dir, 'logs'), runDir);
  const log = fileLogger(join(dir, 'logs', 'app.log'));
  const recorder = new Recorder();
  const sidecarOptions = { httpPort: ports.dapr.http };
  const sidecar = new Sidecar(sidecarOptions);
  const actors = new SwappableActorHost((s) => buildHost(s, log, recorder, HOST_SETTINGS), sidecarOptions, log, HOST_SETTINGS);
  let service: RunningService | undefined;

  const stop = async (): Promise<void> => {
    const daprd = supervisor.processes.find((m) => m.name === 'daprd');
    if (daprd) await supervisor.stop(daprd);
    await service?.stop();
    await supervisor.stopAll();
    await Promise.all([sidecar.close(), actors.close()]);
  };

  try {
    await startRedis(supervisor, ports, dir);
    await startControlPlane(supervisor, ports, dir, data);
    const config = baseConfigSchema.parse({ APP_PORT: String(ports.app), DAPR_HTTP_PORT: String(ports.dapr.http), SHUTDOWN_GRACE_MS: '2000' });
    service = await startService({
      name: 'runtime-test',
      config,
      sidecar: new Sidecar(sidecarOptions), // its own client: the service closes it when it stops
      log,
      actors,
      subscriptions: buildSubscriptions(log, recorder),
      problemBase: 'https://runtime-test.example/problems/',
      metricsPrefix: 'runtime_test',
    });
    startDaprd(supervisor, ports, dir, data, files);
    await waitAlive(supervisor, 'daprd healthz', async () => (await httpStatus(`http://127.0.0.1:${ports.dapr.http}/v1.0/healthz`, 1_000)) === 204, 30_000);
    // Placement disseminates the actor type's table a moment after the sidecar is healthy.
    const ping = (): Promise<SidecarResponse> => sidecar.request('POST', `/v1.0/actors/${ACTOR_TYPE}/probe/method/ping`, { body: {}, timeoutMs: 2_000 });
    await waitAlive(supervisor, 'the actor type placed on this app', async () => (await ping()).status === 200, 30_000);
  } catch (error) {
    const why = `${(error as Error).message}\n${logsOf(
      supervisor,
      supervisor.processes.map((m) => m.name),
    )}`;
    await stop().catch(() => undefined);
    throw new Error(why, { cause: error });
  }

  return {
    ports,
    sidecar,
    recorder,
    actors,
    log,
    supervisor,
    callActor: (id, method, body = {}) =>
      sidecar.request('POST', `/v1.0/actors/${ACTOR_TYPE}/${encodeURIComponent(id)}/method/${method}`, { body, timeoutMs: 20_000 }),
    stopRedis: async () => {
      await supervisor.stop(supervisor.get('redis'));
    },
    startRedis: async () => {
      supervisor.restart('redis');
      await waitFor('redis', () => redisPing(ports.redis), 15_000, 100);
    },
    stop,
  };
}
