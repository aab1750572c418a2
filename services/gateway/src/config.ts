import { readConfig, serviceConfigSchema, z } from '@bookstore/runtime';

const count = z.coerce.number().int().nonnegative();

export const config = readConfig(
  serviceConfigSchema({ appPort: 8088, daprHttpPort: 3500 }).extend({
    /** Budget for one proxied call; above the order service's 3.5 s stock budget. */
    UPSTREAM_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    RETRY_AFTER_SECONDS: z.coerce.number().int().positive().default(5),
    /** Failed logins allowed per account, and per client address, in the window. */
    LOGIN_FAILURES_PER_ACCOUNT: count.default(5),
    LOGIN_FAILURES_PER_CLIENT: count.default(50),
    LOGIN_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
    /** Requests per client per minute; 0 (the local default) turns the limit off. */
    REQUESTS_PER_MINUTE: count.default(0),
  }),
);
