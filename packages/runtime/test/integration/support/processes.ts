import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { httpStatus, runtimeBinaries, Supervisor, waitFor } from '@bookstore/stack';
import { HarnessPorts } from './ports';
import { APP_ID } from './resources';

/** The environment of the harness's processes: nothing of a bookstore run leaks into them (its tokens, its trust anchors). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['DAPR_API_TOKEN', 'APP_API_TOKEN', 'DAPR_TRUST_ANCHORS', 'DAPR_CERT_CHAIN', 'DAPR_CERT_KEY']) delete env[name];
  return env;
}

/** The Dapr binaries scripts/dapr-runtime.sh settled on, or else those of `dapr init` (~/.dapr/bin). */
function binaries(data: string): { daprd: string; placement: string; scheduler: string } {
  try {
    return runtimeBinaries(data);
  } catch (error) {
    const dir = join(homedir(), '.dapr', 'bin');
    if (!existsSync(join(dir, 'daprd'))) throw error;
    return { daprd: join(dir, 'daprd'), placement: join(dir, 'placement'), scheduler: join(dir, 'scheduler') };
  }
}

/** Answers true once Redis answers PING on its port. */
export function redisPing(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.setTimeout(timeoutMs, () => socket.destroy());
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      socket.end();
      resolve(chunk.toString().startsWith('+PONG'));
    });
    socket.on('error', () => resolve(false));
    socket.on('close', () => resolve(false));
  });
}

/** The number of messages a consumer group took from a stream and has not acknowledged (XPENDING). */
export function redisPending(port: number, stream: string, group: string, timeoutMs = 1_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    let reply = '';
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error('redis timed out')));
    socket.on('connect', () => socket.write(`XPENDING ${stream} ${group}\r\n`));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      const count = /^\*\d+\r\n:(\d+)\r\n/.exec(reply);
      if (count) {
        socket.end();
        resolve(Number(count[1]));
      } else if (reply.startsWith('-')) {
        socket.end();
        reject(new Error(reply.trim()));
      }
    });
    socket.on('error', reject);
  });
}

export async function startRedis(supervisor: Supervisor, ports: HarnessPorts, dir: string): Promise<void> {
  // Nothing on disk: a restart is a broker that lost its streams, as after a crash without persistence.
  const args = ['--port', String(ports.redis), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
  supervisor.start('redis', '/usr/bin/redis-server', args, { env: cleanEnv() });
  await waitFor('redis', () => redisPing(ports.redis), 15_000, 100);
}

/** Placement and scheduler without TLS (no Sentry), on loopback only. */
export async function startControlPlane(supervisor: Supervisor, ports: HarnessPorts, dir: string, data: string): Promise<void> {
  const bin = binaries(data);
  const common = ['--listen-address', '127.0.0.1', '--healthz-listen-address', '127.0.0.1', '--metrics-listen-address', '127.0.0.1', '--log-level', 'warn'];
  const { placement, scheduler } = ports;
  supervisor.start(
    'placement',
    bin.placement,
    [
      ...common,
      ...['--port', String(placement.grpc), '--healthz-port', String(placement.healthz), '--metrics-port', String(placement.metrics)],
      ...['--id', 'dapr-placement-0', '--initial-cluster', `dapr-placement-0=127.0.0.1:${placement.raft}`],
    ],
    { env: cleanEnv(), cwd: dir },
  );
  supervisor.start(
    'scheduler',
    bin.scheduler,
    [
      ...common,
      ...['--port', String(scheduler.grpc), '--healthz-port', String(scheduler.healthz), '--metrics-port', String(scheduler.metrics)],
      ...['--id', 'dapr-scheduler-server-0', '--etcd-data-dir', join(dir, 'scheduler')],
      ...['--etcd-client-port', String(scheduler.etcdClient), '--etcd-client-listen-address', '127.0.0.1'],
      ...['--etcd-initial-cluster', `dapr-scheduler-server-0=http://127.0.0.1:${scheduler.etcdPeer}`],
    ],
    { env: cleanEnv(), cwd: dir },
  );
  await Promise.all([
    waitFor('placement', async () => (await httpStatus(`http://127.0.0.1:${placement.healthz}/healthz`)) === 200, 30_000),
    waitFor('scheduler', async () => (await httpStatus(`http://127.0.0.1:${scheduler.healthz}/healthz`)) === 200, 60_000),
  ]);
}

/** The one daprd of the harness: no mTLS, its own resources, the harness's placement and scheduler. */
export function startDaprd(supervisor: Supervisor, ports: HarnessPorts, dir: string, data: string, files: { resources: string; config: string }): void {
  const bin = binaries(data);
  const { dapr } = ports;
  supervisor.start(
    'daprd',
    bin.daprd,
    [
      ...['--app-id', APP_ID, '--app-port', String(ports.app), '--app-protocol', 'http'],
      ...['--dapr-http-port', String(dapr.http), '--dapr-grpc-port', String(dapr.grpc), '--dapr-internal-grpc-port', String(dapr.internalGrpc)],
      ...['--metrics-port', String(dapr.metrics), '--metrics-listen-address', '127.0.0.1'],
      ...['--dapr-listen-addresses', '127.0.0.1', '--dapr-internal-grpc-listen-address', '127.0.0.1'],
      ...['--placement-host-address', `127.0.0.1:${ports.placement.grpc}`, '--scheduler-host-address', `127.0.0.1:${ports.scheduler.grpc}`],
      ...['--resources-path', files.resources, '--config', files.config],
      ...['--dapr-graceful-shutdown-seconds', '1', '--log-level', 'info'],
    ],
    { env: cleanEnv(), cwd: dir },
  );
}
