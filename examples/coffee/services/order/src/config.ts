import { baseConfigSchema, z } from '@bookstore/runtime';

/** The order service's environment, read once and validated (fails fast). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  return baseConfigSchema
    .extend({ PAYMENT_TIMEOUT_MS: z.coerce.number().int().min(1).default(2_000), RETRY_AFTER_SECONDS: z.coerce.number().int().min(1).default(2) })
    .parse(env);
}
