import { portPlan, ServiceName, SERVICES, SIDECAR_HEALTH } from '@bookstore/stack';

/**
 * What Kubernetes needs to know of each app that the code does not say: how big it is, and
 * which of its settings differ from a laptop's. Everything else (app-id, port, policy) comes
 * from the code's own tables: the port plan (tools/stack/src/ports.ts) and the Dapr policy
 * (tools/stack/src/dapr-policy.ts).
 */
export const NAMESPACE = 'bookstore';

/** The app's own container; its daprd's are dapr.io annotations (SIDECAR_RESOURCES). */
export interface Resources {
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
}

export interface AppSpec {
  id: ServiceName;
  /** The app's HTTP port: the local plan's, so one number means one app everywhere. */
  port: number;
  /** It connects to Redis itself (ioredis), besides its sidecar's components. */
  redisClient: boolean;
  /**
   * Scaled by an HPA on CPU (issue 9: gateway, order, book), and how: a stateless app at
   * once; an actor host slowly, since each pod that comes or goes moves actors (a rebalance).
   */
  autoscaled: false | 'stateless' | 'actor-host';
  resources: Resources;
  /** Settings of its own (a ConfigMap, `<app>-settings`): names of its config.ts. */
  settings: Record<string, string>;
}

const SMALL: Resources = { requests: { cpu: '50m', memory: '96Mi' }, limits: { cpu: '500m', memory: '256Mi' } };
/** The apps on every order's path: a request of 100m lets the HPA's 70 % mean something. */
const BUSY: Resources = { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '384Mi' } };

export const SIDECAR_RESOURCES = { cpuRequest: '50m', cpuLimit: '500m', memoryRequest: '64Mi', memoryLimit: '256Mi' } as const;

/** In-cluster Redis, as the apps reach it: the Service `redis` of their own namespace. */
export const REDIS = { host: 'redis', port: 6379 } as const;
export const POSTGRES = { host: 'postgres', port: 5432, database: 'bookstore', user: 'bookstore' } as const;

const redisSettings = { REDIS_HOST: REDIS.host, REDIS_PORT: String(REDIS.port) };

/** The default plan (no offset, no overrides): the ports the code itself defaults to. */
const defaults = portPlan({}).plan.services;

const TABLE: Record<ServiceName, Omit<AppSpec, 'id' | 'port'>> = {
  gateway: {
    redisClient: true,
    autoscaled: 'stateless',
    resources: BUSY,
    // Behind the local NodePort the socket's peer is the client; overlays/prod sets one hop (the Ingress).
    settings: { ...redisSettings, TRUST_PROXY: 'false' },
  },
  book: { redisClient: true, autoscaled: 'actor-host', resources: BUSY, settings: redisSettings },
  customer: { redisClient: false, autoscaled: false, resources: SMALL, settings: {} },
  order: { redisClient: false, autoscaled: 'stateless', resources: BUSY, settings: {} },
  delivery: { redisClient: false, autoscaled: false, resources: SMALL, settings: {} },
  customercenter: { redisClient: true, autoscaled: false, resources: SMALL, settings: redisSettings },
};

export const APP_SPECS: AppSpec[] = SERVICES.map((id) => ({ id, port: defaults[id].app, ...TABLE[id] }));

/**
 * A stopping pod, second by second from its deletion. Its endpoints go at once, but callers'
 * sidecars find pods by cluster DNS, whose answers live `dnsTtlSeconds` (CoreDNS's `ttl 30`,
 * the common default) and may still name it: so it keeps serving, not ready but healthy,
 * until no answer can, plus a margin (linger). Then the app says unhealthy and keeps serving
 * while its sidecar's probe sees that (drain); the sidecar, unblocked, shuts down; a caller
 * whose next call is refused asks DNS again and gets the live pods. Only then the app closes.
 */
const PROBE_SECONDS = SIDECAR_HEALTH.intervalSeconds * SIDECAR_HEALTH.threshold;
const preStopSeconds = 5;
const dnsTtlSeconds = 30;
const lingerSeconds = Math.max(0, dnsTtlSeconds + 5 - preStopSeconds - PROBE_SECONDS);
const drainSeconds = PROBE_SECONDS + SIDECAR_HEALTH.intervalSeconds;
export const SHUTDOWN = {
  preStopSeconds,
  lingerSeconds,
  drainSeconds,
  /** The sidecar's wait for its app to go unhealthy, with a margin. */
  blockSidecarSeconds: preStopSeconds + lingerSeconds + drainSeconds + 3,
  /** All of it, the sidecar's own graceful shutdown, and a margin. */
  terminationGraceSeconds: preStopSeconds + lingerSeconds + drainSeconds + 3 + SIDECAR_HEALTH.gracefulShutdownSeconds + 5,
} as const;

/** Settings every app reads the same way in a pod (ConfigMap `bookstore-settings`). */
/** The app's own metrics in a pod (daprd's are on 9090, Dapr's default, in the same network namespace). */
export const APP_METRICS_PORT = 9464;
/** Namespaces whose pods may scrape the apps' metrics: those labelled so (a Prometheus). */
export const METRICS_SCRAPERS = { 'bookstore.example/scrapes-metrics': 'true' } as const;

export const SHARED_SETTINGS: Record<string, string> = {
  // Production refuses to start without long API tokens and with a default admin password.
  NODE_ENV: 'production',
  // Probes come from the kubelet on the pod's address; only the sidecar uses the port otherwise.
  APP_HOST: '0.0.0.0',
  // The app's Prometheus metrics, for a scraper in the namespaces METRICS_SCRAPERS selects.
  METRICS_HOST: '0.0.0.0',
  METRICS_PORT: String(APP_METRICS_PORT),
  // How a pod stops without failing a call: SHUTDOWN above.
  SHUTDOWN_LINGER_MS: String(SHUTDOWN.lingerSeconds * 1000),
  SHUTDOWN_DRAIN_MS: String(SHUTDOWN.drainSeconds * 1000),
};

/** Secrets an app's pod refers to by name (values: k8s/README.md; local ones generated). */
export const tokenSecrets = (app: ServiceName): { daprApi: string; appApi: string } => ({
  daprApi: `${app}-dapr-api-token`,
  appApi: `${app}-app-api-token`,
});
export const REDIS_SECRET = { name: 'redis', password: 'password', config: 'redis.conf' } as const;
export const POSTGRES_SECRET = { name: 'postgres', password: 'password', connectionString: 'connection-string' } as const;
export const NOTIFICATIONS_SECRET = { name: 'notifications', url: 'url' } as const;
