import { z } from 'zod';

export const portField = z.coerce.number().int().min(1).max(65535);

/**
 * Reads a service's configuration from the environment once, at start-up, and fails fast
 * with every wrong variable named, instead of failing later on first use.
 */
export function readConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
}

/**
 * Settings every service shares: where it listens and where its sidecar is. The defaults
 * are the local port plan (README); `npm start` and Kubernetes set them explicitly.
 */
export function serviceConfigSchema(defaults: { appPort: number; daprHttpPort: number }) {
  return baseConfigSchema.extend({
    APP_PORT: portField.default(defaults.appPort),
    DAPR_HTTP_PORT: portField.default(defaults.daprHttpPort),
  });
}

export const baseConfigSchema = z.object({
  APP_PORT: portField,
  /** 127.0.0.1 locally (only the sidecar calls the app); 0.0.0.0 in a pod, for probes. */
  APP_HOST: z.string().default('127.0.0.1'),
  DAPR_HTTP_PORT: portField.default(3500),
  DAPR_HOST: z.string().default('127.0.0.1'),
  /** Where the app serves its Prometheus metrics (GET /metrics); unset, it serves none. */
  METRICS_PORT: portField.optional(),
  /** 127.0.0.1 locally; 0.0.0.0 in a pod, for the scraper. */
  METRICS_HOST: z.string().default('127.0.0.1'),
  /** What this app sends its sidecar (`dapr-api-token`), and what the sidecar requires. */
  DAPR_API_TOKEN: z.string().min(1).optional(),
  /** What the sidecar sends this app; the app refuses any request without it (but /healthz). */
  APP_API_TOKEN: z.string().min(1).optional(),
  /** How long start-up waits for the sidecar before giving up. */
  SIDECAR_WAIT_MS: z.coerce.number().int().positive().default(60_000),
  /** How long a graceful stop waits for in-flight requests. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().positive().default(10_000),
  /**
   * How long a stopping app keeps serving, healthy but not ready, before anything else: in a
   * pod, callers' sidecars find it by cluster DNS, whose answers are cached (30 s), and its
   * own sidecar must still take their calls until no answer names this address any more.
   */
  SHUTDOWN_LINGER_MS: z.coerce.number().int().min(0).max(120_000).default(0),
  /**
   * Then, how long it keeps serving while /healthz already says "stopping", before it
   * closes its port: long enough for its sidecar's health probe to see it unhealthy, so the
   * sidecar stops routing to it and shuts down (and its callers reconnect to another pod)
   * while the app still answers. 0 locally, where the supervisor stops the sidecar itself.
   */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  NODE_ENV: z.string().default('development'),
});

export type BaseConfig = z.output<typeof baseConfigSchema>;

/** Shortest API token accepted outside local mode (what `npm start` makes is 43 characters). */
const MIN_TOKEN_LENGTH = 32;

/**
 * Outside local mode (NODE_ENV=production) both API tokens are mandatory and long: an app
 * that any process could call, or a sidecar that any process could use, is not deployable.
 * Answers what is wrong, or nothing.
 */
export function tokenProblem(config: Pick<BaseConfig, 'NODE_ENV' | 'DAPR_API_TOKEN' | 'APP_API_TOKEN'>): string | undefined {
  if (config.NODE_ENV !== 'production') return undefined;
  const short = (['DAPR_API_TOKEN', 'APP_API_TOKEN'] as const).filter((name) => (config[name]?.length ?? 0) < MIN_TOKEN_LENGTH);
  return short.length > 0
    ? `Refusing to start with NODE_ENV=production: ${short.join(' and ')} must be set, at least ${MIN_TOKEN_LENGTH} characters.`
    : undefined;
}
