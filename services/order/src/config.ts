import { readConfig, serviceConfigSchema, z } from '@bookstore/runtime';

const ms = z.coerce.number().int().positive();

export const config = readConfig(
  serviceConfigSchema({ appPort: 7003, daprHttpPort: 3503 }).extend({
    /** The app's own budget for the stock call; Dapr's resiliency policy sets the real one. */
    STOCK_CALL_TIMEOUT_MS: ms.default(3_500),
    /** What a 503 tells the client to wait before retrying. */
    RETRY_AFTER_SECONDS: ms.default(5),
    /** How long a request holds its Idempotency-Key: well beyond a whole placement (stock call included). */
    IDEMPOTENCY_LEASE_MS: ms.default(15_000),
    /** How long a duplicate waits for the first request's answer before it is told to retry (409). */
    IDEMPOTENCY_WAIT_MS: ms.default(5_000),
    /** How often the outbox is swept for events a crash or an unreachable broker left behind. */
    OUTBOX_SWEEP_MS: ms.default(10_000),
    /** Outbox entries younger than this still belong to the request that wrote them. */
    OUTBOX_GRACE_MS: ms.default(5_000),
  }),
);
