import { join } from 'node:path';
import { postgresConnectionString, startPostgres, startRedis } from './infra';
import { dataDir, ROOT, runtimeBinaries, RuntimeBinaries } from './paths';
import { instanceName, PortEntry, PortPlan, portPlan, replicaPorts, ServiceName, SERVICES, SidecarPorts } from './ports';
import { httpStatus, isPortFree, waitFor } from './probes';
import { Supervisor, tail } from './processes';

export interface StackOptions {
  env?: NodeJS.ProcessEnv;
  /** Instances per service (default 1); replicas share the app-id and split the work. */
  replicas?: Partial<Record<ServiceName, number>>;
  /** How long to wait for every service's /readyz. */
  readyTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface Instance {
  service: ServiceName;
  /** Process name prefix: `<name>-app` and `<name>-daprd`. */
  name: string;
  ports: SidecarPorts;
}

export interface Stack {
  plan: PortPlan;
  gatewayUrl: string;
  supervisor: Supervisor;
  instances: Instance[];
  stop(): Promise<void>;
}

function instancesOf(plan: PortPlan, replicas: StackOptions['replicas'] = {}): Instance[] {
  return SERVICES.flatMap((service) =>
    Array.from({ length: Math.max(1, replicas[service] ?? 1) }, (_, index) => ({
      service,
      name: instanceName(service, index),
      ports: replicaPorts(plan.services[service], index),
    })),
  );
}

const CONTROL_PLANE = ['placement', 'scheduler'];

/** Ports in the plan that something already listens on. */
export async function takenPorts(entries: PortEntry[]): Promise<PortEntry[]> {
  const checks = await Promise.all(entries.map(async (e) => ((await isPortFree(e.port)) ? undefined : e)));
  return checks.filter((e): e is PortEntry => e !== undefined);
}

function startControlPlane(supervisor: Supervisor, bin: RuntimeBinaries, plan: PortPlan, data: string): Promise<void[]> {
  const common = ['--listen-address', '127.0.0.1', '--healthz-listen-address', '127.0.0.1', '--metrics-listen-address', '127.0.0.1', '--log-level', 'warn'];
  supervisor.start('placement', bin.placement, [
    ...common,
    '--port', String(plan.placement.grpc),
    '--healthz-port', String(plan.placement.healthz),
    '--metrics-port', String(plan.placement.metrics),
    '--id', 'dapr-placement-0',
    '--initial-cluster', `dapr-placement-0=127.0.0.1:${plan.placement.raft}`,
  ]);
  supervisor.start('scheduler', bin.scheduler, [
    ...common,
    '--port', String(plan.scheduler.grpc),
    '--healthz-port', String(plan.scheduler.healthz),
    '--metrics-port', String(plan.scheduler.metrics),
    '--id', 'dapr-scheduler-server-0',
    '--etcd-data-dir', join(data, 'scheduler'),
    '--etcd-client-port', String(plan.scheduler.etcdClient),
    '--etcd-client-listen-address', '127.0.0.1',
    '--etcd-initial-cluster', `dapr-scheduler-server-0=http://127.0.0.1:${plan.scheduler.etcdPeer}`,
  ]);
  return Promise.all([
    waitFor('placement', async () => (await httpStatus(`http://127.0.0.1:${plan.placement.healthz}/healthz`)) === 200, 30_000),
    waitFor('scheduler', async () => (await httpStatus(`http://127.0.0.1:${plan.scheduler.healthz}/healthz`)) === 200, 60_000),
  ]);
}

/** Environment shared by every daprd: values its components take through `envRef`. */
function sidecarEnv(plan: PortPlan, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...env,
    BOOKSTORE_REDIS_ADDR: `127.0.0.1:${plan.redis}`,
    BOOKSTORE_PG_CONNECTION: postgresConnectionString(plan),
    BOOKSTORE_SECRETS_FILE: env.BOOKSTORE_SECRETS_FILE ?? join(ROOT, 'dapr-config', 'secrets.local.json'),
    BOOKSTORE_NOTIFICATION_SINK_URL: `http://127.0.0.1:${plan.notificationSink}/notifications`,
  };
}

function startInstance(supervisor: Supervisor, bin: RuntimeBinaries, plan: PortPlan, data: string, instance: Instance, env: NodeJS.ProcessEnv): void {
  const { ports, service: name } = instance;
  supervisor.start(`${instance.name}-app`, process.execPath, [join(ROOT, 'services', name, 'dist', 'main.js')], {
    cwd: ROOT,
    env: {
      ...env,
      APP_PORT: String(ports.app),
      DAPR_HTTP_PORT: String(ports.http),
      DAPR_GRPC_PORT: String(ports.grpc),
      REDIS_HOST: '127.0.0.1',
      REDIS_PORT: String(plan.redis),
    },
  });
  supervisor.start(
    `${instance.name}-daprd`,
    bin.daprd,
    [
      '--app-id', name,
      '--app-port', String(ports.app),
      '--app-protocol', 'http',
      '--dapr-http-port', String(ports.http),
      '--dapr-grpc-port', String(ports.grpc),
      '--dapr-internal-grpc-port', String(ports.internalGrpc),
      '--metrics-port', String(ports.metrics),
      '--dapr-listen-addresses', '127.0.0.1',
      '--metrics-listen-address', '127.0.0.1',
      '--placement-host-address', `127.0.0.1:${plan.placement.grpc}`,
      '--scheduler-host-address', `127.0.0.1:${plan.scheduler.grpc}`,
      '--resources-path', join(ROOT, 'components'),
      '--resources-path', join(ROOT, 'dapr-config', 'resources'),
      '--config', join(ROOT, 'dapr-config', 'config.yaml'),
      '--enable-app-health-check',
      '--app-health-check-path', '/healthz',
      // A busy app (a thousand requests queued on two cores) can take a second to answer
      // its probe; five misses in a row (about 10 s) mean down or hung, not busy.
      '--app-health-probe-interval', '2',
      '--app-health-probe-timeout', '1500',
      '--app-health-threshold', '5',
      '--dapr-graceful-shutdown-seconds', '5',
      '--log-level', env.DAPR_LOG_LEVEL ?? 'warn',
    ],
    // Relative paths in components (the name-resolution database) live in the data folder.
    { cwd: data, env: sidecarEnv(plan, env) },
  );
}

async function waitForInstances(instances: Instance[], supervisor: Supervisor, timeoutMs: number, log: (line: string) => void): Promise<void> {
  const pending = new Set<Instance>(instances);
  const deadline = Date.now() + timeoutMs;
  while (pending.size > 0) {
    for (const instance of [...pending]) {
      if ((await httpStatus(`http://127.0.0.1:${instance.ports.app}/readyz`, 2_000)) === 200) {
        pending.delete(instance);
        log(`  ready: ${instance.name}`);
      }
    }
    const dead = supervisor.processes.filter((m) => !m.running);
    if (dead.length > 0) {
      const why = dead.map((m) => `${m.name} exited; its log ends:\n${tail(supervisor.logFile(m.name))}`).join('\n\n');
      throw new Error(why);
    }
    if (Date.now() > deadline) {
      const why = [...pending]
        .map(({ name }) => `${name} not ready; its sidecar's log ends:\n${tail(supervisor.logFile(`${name}-daprd`))}`)
        .join('\n\n');
      throw new Error(why);
    }
    if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/**
 * Starts the whole bookstore: Redis and PostgreSQL, placement and scheduler, then every
 * service with its daprd; resolves once every service's /readyz answers 200.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.log(line));
  const { plan, entries } = portPlan(env);
  const instances = instancesOf(plan, options.replicas);
  const replicaEntries: PortEntry[] = instances
    .filter((i) => i.name !== i.service)
    .flatMap((i) => Object.entries(i.ports).map(([what, port]) => ({ process: i.name, what, variable: '(replica: base port + 300 per replica)', port })));
  const taken = await takenPorts([...entries, ...replicaEntries]);
  if (taken.length > 0) {
    const shown = taken.slice(0, 4).map((e) => `  ${e.port} (${e.process}: ${e.what}; ${e.variable})`);
    if (taken.length > shown.length) shown.push(`  and ${taken.length - shown.length} more`);
    const list = shown.join('\n');
    throw new Error(
      `These ports are already taken, so the bookstore cannot start:\n${list}\n` +
        'Is the bookstore already running (npm start in another terminal)? Stop it, or move ports with the variables shown.',
    );
  }
  const data = dataDir(env);
  const supervisor = new Supervisor(join(data, 'logs'), join(data, 'run'));
  const stop = (): Promise<void> =>
    supervisor.stopAll([instances.map((i) => `${i.name}-app`), instances.map((i) => `${i.name}-daprd`), CONTROL_PLANE]);
  try {
    const bin = runtimeBinaries(data);
    log('starting Redis and PostgreSQL');
    await Promise.all([startRedis(supervisor, plan, data), startPostgres(supervisor, plan, data)]);
    supervisor.start('notification-sink', process.execPath, [join(ROOT, 'tools', 'stack', 'dist', 'notification-sink.js')], {
      env: { ...env, PORT: String(plan.notificationSink), SINK_LOG: join(data, 'logs', 'notifications.jsonl') },
    });
    log(`starting Dapr ${bin.version} placement and scheduler`);
    await startControlPlane(supervisor, bin, plan, data);
    log('starting services, each with its daprd');
    for (const instance of instances) startInstance(supervisor, bin, plan, data, instance, env);
    await waitForInstances(instances, supervisor, options.readyTimeoutMs ?? 120_000, log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { plan, gatewayUrl: `http://localhost:${plan.services.gateway.app}`, supervisor, instances, stop };
}
