import { readConfig, serviceConfigSchema, z } from '@bookstore/runtime';

const ms = z.coerce.number().int().positive();

export const config = readConfig(
  serviceConfigSchema({ appPort: 7003, daprHttpPort: 3503 }).extend({
    /**
     * The whole stock call's budget, app side, as Dapr's policy has it (3 s): whichever
     * fires first ends the call, so a sidecar that does not answer at all is bounded too.
     * API.md promises an answer within 3.5 s.
     */
    STOCK_CALL_TIMEOUT_MS: ms.default(3_000),
    /** What a 503 tells the client to wait before retrying. */
    RETRY_AFTER_SECONDS: ms.default(5),
    /** How long a request holds its Idempotency-Key: well beyond a whole placement (stock call included). */
    IDEMPOTENCY_LEASE_MS: ms.default(15_000),
    /** How long a duplicate waits for the first request's answer before it is told to retry (409). */
    IDEMPOTENCY_WAIT_MS: ms.default(5_000),
    /** How often the outbox is swept for events a crash or an unreachable broker left behind. */
    OUTBOX_SWEEP_MS: ms.default(10_000),
    /**
     * A placement still Pending after this has lost its process (every budget it had, the
     * stock call's 3 s and its commit, is long spent): it is failed, and its book gives the
     * copies back. Books wait HOLD_GRACE_MS (6 s) before asking, then every 5 s.
     */
    PLACEMENT_STALE_AFTER_MS: ms.default(10_000),
    PLACEMENT_SWEEP_MS: ms.default(5_000),
    /** Outbox entries younger than this still belong to the request that wrote them. */
    OUTBOX_GRACE_MS: ms.default(5_000),
  }),
);
