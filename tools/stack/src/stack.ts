import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Credentials, prepareCredentials, credentialFiles } from './credentials';
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
  /** This run's credentials: the admin password, every app's tokens. */
  credentials: Credentials;
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

const CONTROL_PLANE = ['placement', 'scheduler', 'sentry'];

/** Sentry's trust domain, as daprd, placement and scheduler expect it by default. */
const CONTROL_PLANE_TRUST_DOMAIN = 'localhost';

/**
 * Sentry, the certificate authority of mTLS: on first start it makes a self-signed root
 * and issuer under the data folder; each daprd gets its workload certificate from it. In
 * self-hosted mode Sentry signs for any app-id that asks over loopback (its "insecure"
 * validator): mTLS here gives access control a verified caller between sidecars and keeps
 * token-less processes off the internal gRPC ports; it is not a defence against a
 * process of the same host that can reach Sentry (README, security model).
 */
async function startSentry(supervisor: Supervisor, bin: RuntimeBinaries, plan: PortPlan, data: string): Promise<string> {
  const dir = join(data, 'sentry');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  supervisor.start('sentry', bin.sentry, [
    '--issuer-credentials',
    dir,
    '--trust-domain',
    CONTROL_PLANE_TRUST_DOMAIN,
    '--config',
    join(ROOT, 'dapr-config', 'sentry.yaml'),
    '--port',
    String(plan.sentry.grpc),
    '--listen-address',
    '127.0.0.1',
    '--healthz-port',
    String(plan.sentry.healthz),
    '--healthz-listen-address',
    '127.0.0.1',
    // Dapr 1.18.2's sentry ignores --metrics-listen-address (it would listen on every
    // interface), so its metrics are off; nothing here reads them.
    '--enable-metrics=false',
    '--log-level',
    'warn',
  ]);
  const ca = join(dir, 'ca.crt');
  await waitFor('sentry', async () => existsSync(ca) && (await httpStatus(`http://127.0.0.1:${plan.sentry.healthz}/healthz`)) === 200, 30_000);
  return ca;
}

/** How placement and scheduler serve daprd over mTLS. */
function controlPlaneTls(plan: PortPlan, ca: string): string[] {
  return ['--tls-enabled', '--trust-domain', CONTROL_PLANE_TRUST_DOMAIN, '--trust-anchors-file', ca, '--sentry-address', `127.0.0.1:${plan.sentry.grpc}`];
}

/** Ports in the plan that something already listens on. */
export async function takenPorts(entries: PortEntry[]): Promise<PortEntry[]> {
  const checks = await Promise.all(entries.map(async (e) => ((await isPortFree(e.port)) ? undefined : e)));
  return checks.filter((e): e is PortEntry => e !== undefined);
}

function startControlPlane(supervisor: Supervisor, bin: RuntimeBinaries, plan: PortPlan, data: string, ca: string): Promise<void[]> {
  const common = [
    ...controlPlaneTls(plan, ca),
    '--listen-address',
    '127.0.0.1',
    '--healthz-listen-address',
    '127.0.0.1',
    '--metrics-listen-address',
    '127.0.0.1',
    '--log-level',
    'warn',
  ];
  supervisor.start('placement', bin.placement, [
    ...common,
    '--port',
    String(plan.placement.grpc),
    '--healthz-port',
    String(plan.placement.healthz),
    '--metrics-port',
    String(plan.placement.metrics),
    '--id',
    'dapr-placement-0',
    '--initial-cluster',
    `dapr-placement-0=127.0.0.1:${plan.placement.raft}`,
  ]);
  supervisor.start('scheduler', bin.scheduler, [
    ...common,
    '--port',
    String(plan.scheduler.grpc),
    '--healthz-port',
    String(plan.scheduler.healthz),
    '--metrics-port',
    String(plan.scheduler.metrics),
    '--id',
    'dapr-scheduler-server-0',
    '--etcd-data-dir',
    join(data, 'scheduler'),
    '--etcd-client-port',
    String(plan.scheduler.etcdClient),
    '--etcd-client-listen-address',
    '127.0.0.1',
    '--etcd-initial-cluster',
    `dapr-scheduler-server-0=http://127.0.0.1:${plan.scheduler.etcdPeer}`,
  ]);
  return Promise.all([
    waitFor('placement', async () => (await httpStatus(`http://127.0.0.1:${plan.placement.healthz}/healthz`)) === 200, 30_000),
    waitFor('scheduler', async () => (await httpStatus(`http://127.0.0.1:${plan.scheduler.healthz}/healthz`)) === 200, 60_000),
  ]);
}

/** What one run of the stack shares: where things are, and the credentials. */
export interface RunContext {
  bin: RuntimeBinaries;
  plan: PortPlan;
  data: string;
  env: NodeJS.ProcessEnv;
  credentials: Credentials;
  /** The root certificate every daprd trusts (Sentry's). */
  trustAnchors: string;
}

/** A daprd's environment: values its components take through `envRef`, its tokens, its trust anchors. */
/** What the components read through `envRef`: the same for npm start's sidecars and the Dapr CLI's. */
export function componentEnv(plan: PortPlan, credentials: Credentials, data: string): Record<string, string> {
  return {
    BOOKSTORE_REDIS_ADDR: `127.0.0.1:${plan.redis}`,
    BOOKSTORE_REDIS_PASSWORD: credentials.redisPassword,
    BOOKSTORE_PG_CONNECTION: postgresConnectionString(plan, credentials.postgresPassword),
    BOOKSTORE_SECRETS_FILE: credentialFiles(data).secretsFile,
    BOOKSTORE_NOTIFICATION_SINK_URL: `http://127.0.0.1:${plan.notificationSink}/notifications`,
  };
}

function sidecarEnv(run: RunContext, service: ServiceName): NodeJS.ProcessEnv {
  const { plan, env, credentials, data } = run;
  return {
    ...env,
    ...componentEnv(plan, credentials, data),
    DAPR_API_TOKEN: credentials.apps[service].daprApiToken,
    APP_API_TOKEN: credentials.apps[service].appApiToken,
    DAPR_TRUST_ANCHORS: run.trustAnchors,
  };
}

/**
 * Node flags for the apps, from BOOKSTORE_NODE_ARGS: how to profile them
 * (`--cpu-prof --cpu-prof-dir=/tmp/prof`), which NODE_OPTIONS refuses.
 */
function nodeArgs(env: NodeJS.ProcessEnv): string[] {
  return (env.BOOKSTORE_NODE_ARGS ?? '').split(/\s+/).filter((arg) => arg !== '');
}

function startInstance(supervisor: Supervisor, run: RunContext, instance: Instance): void {
  const { bin, plan, data, env, credentials } = run;
  const { ports, service: name } = instance;
  supervisor.start(`${instance.name}-app`, process.execPath, [...nodeArgs(env), join(ROOT, 'services', name, 'dist', 'main.js')], {
    cwd: ROOT,
    env: {
      ...env,
      APP_PORT: String(ports.app),
      METRICS_PORT: String(ports.appMetrics),
      DAPR_HTTP_PORT: String(ports.http),
      DAPR_GRPC_PORT: String(ports.grpc),
      DAPR_API_TOKEN: credentials.apps[name].daprApiToken,
      APP_API_TOKEN: credentials.apps[name].appApiToken,
      REDIS_HOST: '127.0.0.1',
      REDIS_PORT: String(plan.redis),
      REDIS_PASSWORD: credentials.redisPassword,
    },
  });
  supervisor.start(
    `${instance.name}-daprd`,
    bin.daprd,
    daprdArgs({ appId: name, ports, plan, config: join(ROOT, 'dapr-config', 'apps', `${name}.yaml`), logLevel: env.DAPR_LOG_LEVEL }),
    {
      // Relative paths in components (the name-resolution database) live in the data folder.
      cwd: data,
      env: sidecarEnv(run, name),
    },
  );
}

/**
 * How a sidecar watches its app and stops, locally and on Kubernetes (k8s/: the same
 * numbers as dapr.io annotations). A busy app (a thousand requests queued on two cores)
 * can take a second to answer its probe; five misses in a row (about 10 s) mean down or
 * hung, not busy.
 */
export const SIDECAR_HEALTH = {
  path: '/healthz',
  intervalSeconds: 2,
  timeoutMs: 1500,
  threshold: 5,
  gracefulShutdownSeconds: 5,
} as const;

export interface SidecarSpec {
  appId: string;
  ports: SidecarPorts;
  plan: PortPlan;
  /** The app's Dapr Configuration file. */
  config: string;
  /** Component folders (default: the bookstore's components and resiliency). */
  resources?: string[];
  logLevel?: string;
}

/**
 * How every daprd of the stack runs: mTLS through Sentry, the stack's placement and
 * scheduler, app health checks. Exported so that the benchmark's no-op floor runs its
 * sidecars exactly as the shop's.
 */
export function daprdArgs({ appId, ports, plan, config, resources, logLevel }: SidecarSpec): string[] {
  const folders = resources ?? [join(ROOT, 'components'), join(ROOT, 'dapr-config', 'resources')];
  return [
    '--app-id',
    appId,
    '--app-port',
    String(ports.app),
    '--app-protocol',
    'http',
    '--dapr-http-port',
    String(ports.http),
    '--dapr-grpc-port',
    String(ports.grpc),
    '--dapr-internal-grpc-port',
    String(ports.internalGrpc),
    '--metrics-port',
    String(ports.metrics),
    '--dapr-listen-addresses',
    '127.0.0.1',
    '--dapr-internal-grpc-listen-address',
    '127.0.0.1',
    '--metrics-listen-address',
    '127.0.0.1',
    '--enable-mtls',
    '--sentry-address',
    `127.0.0.1:${plan.sentry.grpc}`,
    '--placement-host-address',
    `127.0.0.1:${plan.placement.grpc}`,
    '--scheduler-host-address',
    `127.0.0.1:${plan.scheduler.grpc}`,
    ...folders.flatMap((folder) => ['--resources-path', folder]),
    '--config',
    config,
    '--enable-app-health-check',
    '--app-health-check-path',
    SIDECAR_HEALTH.path,
    '--app-health-probe-interval',
    String(SIDECAR_HEALTH.intervalSeconds),
    '--app-health-probe-timeout',
    String(SIDECAR_HEALTH.timeoutMs),
    '--app-health-threshold',
    String(SIDECAR_HEALTH.threshold),
    '--dapr-graceful-shutdown-seconds',
    String(SIDECAR_HEALTH.gracefulShutdownSeconds),
    '--log-level',
    logLevel ?? 'warn',
  ];
}

/** The header an app needs to answer anything but /healthz. */
export function appTokenHeader(credentials: Credentials, service: ServiceName): Record<string, string> {
  return { 'dapr-api-token': credentials.apps[service].appApiToken };
}

async function waitForInstances(
  instances: Instance[],
  supervisor: Supervisor,
  credentials: Credentials,
  timeoutMs: number,
  log: (line: string) => void,
): Promise<void> {
  const pending = new Set<Instance>(instances);
  const deadline = Date.now() + timeoutMs;
  while (pending.size > 0) {
    for (const instance of [...pending]) {
      if ((await httpStatus(`http://127.0.0.1:${instance.ports.app}/readyz`, 2_000, appTokenHeader(credentials, instance.service))) === 200) {
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
      const why = [...pending].map(({ name }) => `${name} not ready; its sidecar's log ends:\n${tail(supervisor.logFile(`${name}-daprd`))}`).join('\n\n');
      throw new Error(why);
    }
    if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** What runs under the apps: Redis, PostgreSQL, the notification sink, Sentry, placement and scheduler. */
export interface Infra {
  plan: PortPlan;
  credentials: Credentials;
  supervisor: Supervisor;
  run: RunContext;
  /** Sentry's root certificate (the file). */
  trustAnchorsFile: string;
  stop(): Promise<void>;
}

export interface InfraOptions {
  env?: NodeJS.ProcessEnv;
  /** Ports of processes the caller will add (replicas), checked with the plan's. */
  extraPorts?: PortEntry[];
  /** Sentry's port instead of the plan's: the Dapr CLI expects it on 50001. */
  sentryPort?: number;
  log?: (line: string) => void;
  /** Process names to stop first, in waves, before the infrastructure. */
  stopFirst?: () => string[][];
}

async function refuseTakenPorts(entries: PortEntry[]): Promise<void> {
  const taken = await takenPorts(entries);
  if (taken.length === 0) return;
  const shown = taken.slice(0, 4).map((e) => `  ${e.port} (${e.process}: ${e.what}; ${e.variable})`);
  if (taken.length > shown.length) shown.push(`  and ${taken.length - shown.length} more`);
  throw new Error(
    `These ports are already taken, so the bookstore cannot start:\n${shown.join('\n')}\n` +
      'Is the bookstore already running (npm start in another terminal)? Stop it, or move ports with the variables shown.',
  );
}

/** Starts the infrastructure alone (`npm run stack -- infra`, for dapr.yaml and tye.yaml), or under the apps. */
export async function startInfra(options: InfraOptions = {}): Promise<Infra> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.log(line));
  const { plan: planned, entries } = portPlan(env);
  const plan: PortPlan = options.sentryPort ? { ...planned, sentry: { ...planned.sentry, grpc: options.sentryPort } } : planned;
  const sentryEntry: PortEntry[] = options.sentryPort
    ? [{ process: 'sentry', what: 'gRPC (Dapr CLI)', variable: '(fixed by the Dapr CLI)', port: options.sentryPort }]
    : [];
  await refuseTakenPorts([...entries, ...sentryEntry, ...(options.extraPorts ?? [])]);
  const data = dataDir(env);
  const supervisor = new Supervisor(join(data, 'logs'), join(data, 'run'));
  const credentials = prepareCredentials(data);
  const stop = (): Promise<void> => supervisor.stopAll([...(options.stopFirst?.() ?? []), CONTROL_PLANE]);
  try {
    const bin = runtimeBinaries(data);
    log('starting Redis and PostgreSQL');
    await Promise.all([startRedis(supervisor, plan, data, credentials.redisPassword), startPostgres(supervisor, plan, data, credentials.postgresPassword)]);
    supervisor.start('notification-sink', process.execPath, [join(ROOT, 'tools', 'stack', 'dist', 'notification-sink.js')], {
      env: { ...env, PORT: String(plan.notificationSink), SINK_LOG: join(data, 'logs', 'notifications.jsonl') },
    });
    log(`starting Dapr ${bin.version} sentry, placement and scheduler`);
    const ca = await startSentry(supervisor, bin, plan, data);
    await startControlPlane(supervisor, bin, plan, data, ca);
    const run: RunContext = { bin, plan, data, env, credentials, trustAnchors: readFileSync(ca, 'utf8') };
    return { plan, credentials, supervisor, run, trustAnchorsFile: ca, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Starts the whole bookstore: Redis and PostgreSQL, placement and scheduler, then every
 * service with its daprd; resolves once every service's /readyz answers 200.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const log = options.log ?? ((line: string) => console.log(line));
  const { plan: planned } = portPlan(options.env ?? process.env);
  const instances = instancesOf(planned, options.replicas);
  const replicaEntries: PortEntry[] = instances
    .filter((i) => i.name !== i.service)
    .flatMap((i) => Object.entries(i.ports).map(([what, port]) => ({ process: i.name, what, variable: '(replica: base port + 300 per replica)', port })));
  const infra = await startInfra({
    ...(options.env ? { env: options.env } : {}),
    extraPorts: replicaEntries,
    log,
    stopFirst: () => [instances.map((i) => `${i.name}-app`), instances.map((i) => `${i.name}-daprd`)],
  });
  const { plan, credentials, supervisor, run, stop } = infra;
  try {
    log('starting services, each with its daprd');
    for (const instance of instances) startInstance(supervisor, run, instance);
    await waitForInstances(instances, supervisor, credentials, options.readyTimeoutMs ?? 120_000, log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { plan, credentials, gatewayUrl: `http://localhost:${plan.services.gateway.app}`, supervisor, instances, stop };
}
