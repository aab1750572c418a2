import { admissionFields, portField, readConfig, serviceConfigSchema, z } from '@bookstore/runtime';

const count = z.coerce.number().int().nonnegative();
const positive = z.coerce.number().int().positive();

/**
 * Express's `trust proxy`, set deliberately: `false` (the default: req.ip is the socket's
 * peer, right for a laptop), a hop count (`1` behind one ingress), or addresses and subnets
 * (`loopback, 10.0.0.0/8`). `true` is refused: it would trust any X-Forwarded-For a client
 * writes, and with it let one client pass for many to the login throttle.
 */
export const trustProxySetting = z
  .string()
  .default('false')
  .transform((value, ctx) => {
    const text = value.trim();
    if (text === '' || text === 'false') return false;
    if (/^\d+$/.test(text)) return Number(text);
    if (text === 'true') {
      ctx.addIssue({ code: 'custom', message: 'name the proxy hops (a number) or addresses, not true' });
      return z.NEVER;
    }
    return text;
  });

/** Allowed browser origins, comma separated (`https://shop.example`); none by default. */
export const corsOriginsSetting = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((o) => o.trim())
      .filter((o) => o !== ''),
  )
  .pipe(z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'must be an origin: scheme://host[:port]')));

/** Every variable the app reads (k8s/ is checked against it). */
export const configSchema = serviceConfigSchema({ appPort: 8088, daprHttpPort: 3500 })
  .extend({
    /**
     * The caller's deadline, from a request's admission: sent upstream (`x-call-deadline`),
     * where no work starts and nothing commits after it (API.md's 3 s stock call, and a margin).
     */
    CALLER_DEADLINE_MS: positive.default(3_500),
    /** Live pages (GET /updates) this gateway streams at once, at most; each is an open connection. */
    LIVE_STREAMS_MAX: positive.default(2_000),
    /**
     * How long the gateway waits for a service's answer: well past the deadline, since a
     * service that has started a commit answers only once its outcome is known (a 503 from
     * the gateway itself could otherwise be a lie about an order).
     */
    UPSTREAM_TIMEOUT_MS: positive.default(10_000),
    /** Admission control (README: overload): requests proxied at once, waiting, and how long at most. */
    ADMISSION_CONCURRENCY: admissionFields.concurrency(256),
    ADMISSION_QUEUE: admissionFields.queue(1024),
    ADMISSION_MAX_WAIT_MS: admissionFields.maxWaitMs(1_000),
    /**
     * A burst's wait (a queue that has not stood for ADMISSION_STANDING_AFTER_MS yet): 1,000
     * orders at once for 100 copies take about 4 s here, and each deserves its 201 or 409.
     */
    ADMISSION_BURST_WAIT_MS: admissionFields.burstWaitMs(6_000),
    ADMISSION_STANDING_AFTER_MS: admissionFields.standingAfterMs(2_000),
    RETRY_AFTER_SECONDS: positive.default(5),
    /** Failed logins allowed per account from one client in the window. */
    LOGIN_FAILURES_PER_ACCOUNT: count.default(5),
    /** Failed logins allowed per client address, over all accounts, in the window. */
    LOGIN_FAILURES_PER_CLIENT: count.default(100),
    LOGIN_WINDOW_SECONDS: positive.default(900),
    /** Failed logins per account from all clients in the window, then a short block. */
    LOGIN_FAILURES_PER_ACCOUNT_ALL_CLIENTS: count.default(100),
    LOGIN_ACCOUNT_BLOCK_SECONDS: positive.default(60),
    /** Requests per client per minute; 0 (the local default) turns the limit off. */
    REQUESTS_PER_MINUTE: count.default(0),
    TRUST_PROXY: trustProxySetting,
    CORS_ORIGINS: corsOriginsSetting,
    /** The login throttle's counts live in Redis, shared by every gateway replica. */
    REDIS_HOST: z.string().default('127.0.0.1'),
    REDIS_PORT: portField.default(6380),
    REDIS_PASSWORD: z.string().optional(),
  })
  .refine((c) => c.CALLER_DEADLINE_MS < c.UPSTREAM_TIMEOUT_MS, {
    message: 'must be shorter than UPSTREAM_TIMEOUT_MS: the gateway waits past the deadline for the truthful answer',
    path: ['CALLER_DEADLINE_MS'],
  });

export const config = readConfig(configSchema);
