import { admissionFields, readConfig, serviceConfigSchema, z } from '@bookstore/runtime';

const ms = z.coerce.number().int().positive();

/** Every variable the app reads (k8s/ is checked against it). */
export const configSchema = serviceConfigSchema({ appPort: 7003, daprHttpPort: 3503 }).extend({
  /**
   * The whole stock call's budget, app side, as Dapr's policy has it (3 s): whichever
   * fires first ends the call, so a sidecar that does not answer at all is bounded too.
   * API.md promises an answer within 3.5 s.
   */
  STOCK_CALL_TIMEOUT_MS: ms.default(3_000),
  /**
   * Budget of one state call (not a list query): a commit started just before the caller's
   * deadline (3.5 s), and the fate question that settles a lost answer, end well inside the
   * gateway's 10 s wait, so its own 503 never hides an order.
   */
  STATE_CALL_TIMEOUT_MS: ms.default(2_000),
  /** What a 503 tells the client to wait before retrying. */
  RETRY_AFTER_SECONDS: ms.default(5),
  /** How long a request holds its Idempotency-Key: well beyond a whole placement (stock call included). */
  IDEMPOTENCY_LEASE_MS: ms.default(15_000),
  /** How long a duplicate waits for the first request's answer before it is told to retry (409). */
  IDEMPOTENCY_WAIT_MS: ms.default(5_000),
  /** How often the outbox is swept for events a crash or an unreachable broker left behind. */
  OUTBOX_SWEEP_MS: ms.default(10_000),
  /**
   * Admission control of the public routes (README: overload): requests worked on at once,
   * how many may wait, and for how long at most before they are refused (503 overloaded).
   * Placements mostly wait on batched calls, so many run at once cheaply.
   */
  ADMISSION_CONCURRENCY: admissionFields.concurrency(1024),
  ADMISSION_QUEUE: admissionFields.queue(256),
  ADMISSION_MAX_WAIT_MS: admissionFields.maxWaitMs(500),
  /** Outbox entries younger than this still belong to the request that wrote them. */
  OUTBOX_GRACE_MS: ms.default(5_000),
});

export const config = readConfig(configSchema);
