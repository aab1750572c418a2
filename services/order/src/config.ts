import { readConfig, serviceConfigSchema, z } from '@bookstore/runtime';

export const config = readConfig(
  serviceConfigSchema({ appPort: 7003, daprHttpPort: 3503 }).extend({
    /** The app's own budget for the stock call; Dapr's resiliency policy sets the real one. */
    STOCK_CALL_TIMEOUT_MS: z.coerce.number().int().positive().default(3_500),
    /** What a 503 tells the client to wait before retrying. */
    RETRY_AFTER_SECONDS: z.coerce.number().int().positive().default(5),
  }),
);
