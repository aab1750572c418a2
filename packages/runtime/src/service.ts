import { Express } from 'express';
import { createServer, Server } from 'node:http';
import { hostname } from 'node:os';
import { ActorHost } from './dapr/actors';
import { Sidecar } from './dapr/sidecar';
import { Subscriptions } from './dapr/subscriptions';
import { createHttpApp, finishHttpApp } from './http/app';
import { BaseConfig, tokenProblem } from './config';
import { requireAppToken } from './http/app-token';
import { createLogger, Logger } from './log';
import { ServiceMetrics } from './metrics';
import { PeriodicJob } from './periodic';
import { problem, ProblemError, useProblemBase } from './schema/problem';

/** A named check that must pass for the service to be ready (a database ping, say). */
export interface ReadinessCheck {
  name: string;
  check(): Promise<boolean>;
}

export interface ServiceDefinition {
  name: string;
  config: BaseConfig;
  sidecar: Sidecar;
  log: Logger;
  /** The app's namespaces: the prefix of its problem types' URIs, and of its metrics' names. */
  problemBase: string;
  metricsPrefix: string;
  /** The service's own routes, mounted after health and Dapr callbacks. */
  routes?(app: Express, metrics: ServiceMetrics): void;
  actors?: ActorHost;
  subscriptions?: Subscriptions;
  readiness?: ReadinessCheck[];
  /** More to report on /readyz without deciding it (the gateway lists its services). */
  readinessReport?(): Promise<Record<string, unknown>>;
  /**
   * The public edge (the gateway): clients call it directly, not through its sidecar, so it
   * does not ask for the app API token; it hosts no actor, subscription or internal route.
   */
  publicEdge?: boolean;
  /** Run before the server drains: end what never ends by itself (open event streams). */
  beforeClose?: Array<() => Promise<void>>;
  /** Run after the server has drained: close clients, stop relays. */
  onStop?: Array<() => Promise<void>>;
}

export interface Readiness {
  ready: boolean;
  checks: Record<string, boolean>;
}

/** Each service's own view for the admin page: readiness and its figures (ServiceMetrics.figures). */
export const OPS_STATUS_PATH = '/ops/status';

export interface RunningService {
  app: Express;
  server: Server;
  /** Its Prometheus metrics: a service adds its own figures (`gauge`). */
  metrics: ServiceMetrics;
  readiness(): Promise<Readiness>;
  stop(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A check's answer; a check that throws or takes over 1.5 s counts as failing. */
async function safely(check: () => Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 1_500)));
  try {
    return await Promise.race([check().catch(() => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Starts a service: health routes, Dapr callbacks (actors, subscriptions), its routes, then
 * listening. The sidecar need not be up yet: it waits for this app's port, and /readyz
 * says "not ready" until the sidecar and every readiness check answer.
 */
export async function startService(definition: ServiceDefinition): Promise<RunningService> {
  const { log, sidecar, config } = definition;
  const refusal = tokenProblem(config);
  if (refusal) throw new Error(refusal);
  // Stopping goes not ready first (no new traffic is routed here), then unhealthy (the
  // sidecar lets go of the app), then closes: each step waits as long as the config says.
  let stopping = false;
  let unhealthy = false;
  const checks: ReadinessCheck[] = [{ name: 'sidecar', check: () => sidecar.isReady() }, ...(definition.readiness ?? [])];

  const readiness = async (): Promise<Readiness> => {
    const results = await Promise.all(checks.map(async (c) => [c.name, await safely(c.check)] as const));
    const all = Object.fromEntries(results);
    return { ready: !stopping && results.every(([, ok]) => ok), checks: all };
  };

  const app = createHttpApp(log);
  useProblemBase(definition.problemBase);
  const metrics = new ServiceMetrics(definition.name, definition.metricsPrefix);
  app.use(metrics.middleware());
  definition.subscriptions?.observe((topic, outcome) => metrics.eventHandled(topic, outcome));
  app.get('/healthz', (_req, res) => {
    res.status(unhealthy ? 503 : 200).json({ status: unhealthy ? 'stopping' : 'ok' });
  });
  // Before the token guard too: the kubelet's readiness probe (k8s/) cannot carry a secret.
  // It tells whether the app can serve, and nothing of what it holds.
  app.get('/readyz', (_req, res) => {
    void Promise.all([readiness(), definition.readinessReport?.() ?? {}]).then(([r, report]) =>
      res.status(r.ready ? 200 : 503).json({ status: r.ready ? 'ready' : 'not ready', checks: r.checks, ...report }),
    );
  });
  // Everything after this line answers only this app's sidecar (local runs without a
  // token, such as an app started by hand, skip it; production refuses to start without).
  if (definition.publicEdge) {
    if (definition.actors || definition.subscriptions) throw new Error('a public edge hosts no actors or subscriptions');
  } else if (config.APP_API_TOKEN) {
    app.use(requireAppToken(config.APP_API_TOKEN));
  } else {
    log.warn('APP_API_TOKEN is not set: any local process can call this app');
  }
  if (!definition.publicEdge) {
    // For the gateway's admin view (through the sidecar only, like every route below the guard).
    app.get(OPS_STATUS_PATH, (_req, res) => {
      void Promise.all([readiness(), metrics.figures()]).then(([r, figures]) =>
        res.json({ service: definition.name, instance: hostname(), ready: r.ready, checks: r.checks, figures }),
      );
    });
  }
  if (definition.actors) app.use(definition.actors.router());
  if (definition.subscriptions) app.use(definition.subscriptions.router());
  const dependencies = watchDependencies(definition.readiness ?? [], log);
  app.use((_req, _res, next) => {
    // A dependency of our own (a database) is down: say so at once rather than fail slowly.
    // Seen down a moment ago is asked again first: an instance whose sidecar has just come
    // up gets its first calls before the next periodic check would notice.
    if (!dependencies.down) return next();
    void dependencies
      .recheck()
      .then((down) =>
        next(
          down
            ? new ProblemError(problem(503, 'service-unavailable', `${definition.name} cannot reach ${down}; try again shortly.`), { 'Retry-After': '5' })
            : undefined,
        ),
      );
  });
  definition.routes?.(app, metrics);
  finishHttpApp(app, log);

  const server = createServer(app);
  server.keepAliveTimeout = 65_000; // longer than the sidecar's idle timeout, so it never sends on a closed socket
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Node's default accept backlog (511) overflows when a burst of clients connects at once
    // (a thousand orders): the kernel drops their SYNs and they retry 1, 3, 7 s later. The
    // kernel caps this at net.core.somaxconn.
    server.listen({ port: config.APP_PORT, host: config.APP_HOST, backlog: 4096 }, () => resolve());
  });
  log.info('listening', { port: config.APP_PORT, host: config.APP_HOST });
  const metricsServer = config.METRICS_PORT ? await metrics.serve(config.METRICS_HOST, config.METRICS_PORT) : undefined;

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      stopping = true;
      if (config.SHUTDOWN_LINGER_MS > 0) {
        log.info('stopping: not ready, still serving while callers may resolve this address', { lingerMs: config.SHUTDOWN_LINGER_MS });
        await sleep(config.SHUTDOWN_LINGER_MS);
      }
      unhealthy = true;
      if (config.SHUTDOWN_DRAIN_MS > 0) {
        log.info('stopping: unhealthy to the sidecar, still serving', { drainMs: config.SHUTDOWN_DRAIN_MS });
        await sleep(config.SHUTDOWN_DRAIN_MS);
      }
      await dependencies.stop();
      for (const hook of definition.beforeClose ?? []) {
        await hook().catch((error: unknown) => log.warn('stop hook failed', { error }));
      }
      log.info('stopping: draining in-flight requests');
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const grace = setTimeout(() => server.closeAllConnections(), config.SHUTDOWN_GRACE_MS);
      await drained;
      clearTimeout(grace);
      for (const hook of definition.onStop ?? []) {
        await hook().catch((error: unknown) => log.warn('stop hook failed', { error }));
      }
      await new Promise<void>((resolve) => (metricsServer ? metricsServer.close(() => resolve()) : resolve()));
      await sidecar.close().catch(() => undefined); // the hooks may still have used it
      log.info('stopped');
    })();
    return stopped;
  };

  return { app, server, metrics, readiness, stop };
}

/**
 * Runs a service's own readiness checks every second; `down` names the first that fails.
 * `recheck` runs them now (one run at a time, shared by whoever asks meanwhile).
 */
function watchDependencies(checks: ReadinessCheck[], log: Logger): { down: string | undefined; recheck(): Promise<string | undefined>; stop(): Promise<void> } {
  let running: Promise<string | undefined> | undefined;
  const state = {
    down: undefined as string | undefined,
    recheck: (): Promise<string | undefined> => {
      running ??= Promise.all(checks.map(async (c) => ((await safely(c.check)) ? undefined : c.name)))
        .then((failed) => (state.down = failed.find((name) => name !== undefined)))
        .finally(() => (running = undefined));
      return running;
    },
    stop: () => watcher.stop(),
  };
  const watcher = new PeriodicJob(() => state.recheck().then(() => undefined), { name: 'readiness checks', everyMs: 1_000, log });
  if (checks.length > 0) watcher.start();
  return state;
}

/** Stops the service on SIGTERM or SIGINT and exits once it has drained. */
export function stopOnSignals(service: RunningService, log: Logger): void {
  const onSignal = (signal: NodeJS.Signals): void => {
    log.info('signal received', { signal });
    void service.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

/** The logger and sidecar client of a service, from its configuration. */
export function serviceBasics(name: string, config: BaseConfig): { log: Logger; sidecar: Sidecar } {
  return {
    log: createLogger(name),
    sidecar: new Sidecar({ host: config.DAPR_HOST, httpPort: config.DAPR_HTTP_PORT, apiToken: config.DAPR_API_TOKEN }),
  };
}

/** Runs a service's main; a failure to start is printed and ends the process. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
