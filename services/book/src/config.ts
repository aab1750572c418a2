import { portField, readConfig, serviceConfigSchema, z } from '@bookstore/runtime';

/** Every variable the app reads (k8s/ is checked against it). */
export const configSchema = serviceConfigSchema({ appPort: 7001, daprHttpPort: 3501 }).extend({
  /** The catalog index and remembered Idempotency-Keys live in Redis directly (ioredis). */
  REDIS_HOST: z.string().default('127.0.0.1'),
  REDIS_PORT: portField.default(6380),
  REDIS_PASSWORD: z.string().optional(),
  /** `Retry-After` on a 503 when the book actors cannot be reached. */
  RETRY_AFTER_SECONDS: z.coerce.number().int().positive().default(2),
  /**
   * Copies held for an order are settled (kept or given back) once older than this:
   * longer than an order's whole placement (3 s stock budget, then its commit).
   */
  HOLD_GRACE_MS: z.coerce.number().int().positive().default(6_000),
  /** How often a book with unsettled holds asks about them (its reminder's period). */
  HOLD_SETTLE_PERIOD_SECONDS: z.coerce.number().int().positive().default(5),
});

export const config = readConfig(configSchema);
