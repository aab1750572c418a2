import { readConfig, serviceConfigSchema, z } from '@bookstore/runtime';

export const config = readConfig(
  serviceConfigSchema({ appPort: 8088, daprHttpPort: 3500 }).extend({
    /** Budget for one proxied call; above the order service's 3.5 s stock budget. */
    UPSTREAM_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    RETRY_AFTER_SECONDS: z.coerce.number().int().positive().default(5),
  }),
);
