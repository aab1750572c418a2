import { Request, RequestHandler } from 'express';
import { z } from 'zod';
import { problem, ProblemError } from '../schema/problem';

export interface AdmissionLimits {
  /** Requests worked on at once; the next ones wait. */
  concurrency: number;
  /** Requests that may wait; one more is refused at once. */
  queue: number;
  /** The longest a request waits for its turn before it is refused, under sustained overload. */
  maxWaitMs: number;
  /**
   * The longest a request waits while the queue is a burst, not yet standing (default
   * `maxWaitMs`): a flash sale of a thousand orders at once is worth queueing for a few
   * seconds, and answering each 201 or 409, rather than sending most of them away to retry.
   */
  burstWaitMs?: number;
  /** A queue that has not been empty for this long is standing: waits drop to `maxWaitMs` (default 2 s). */
  standingAfterMs?: number;
}

/** Env settings of an admission limit, validated with the rest of a service's config. */
export const admissionFields = {
  concurrency: (fallback: number) => z.coerce.number().int().positive().default(fallback),
  queue: (fallback: number) => z.coerce.number().int().nonnegative().default(fallback),
  /** At most 1 s: a refusal that comes later than that is no longer fast. */
  maxWaitMs: (fallback: number) => z.coerce.number().int().positive().max(1_000).default(fallback),
  /** A burst's wait: at most 10 s (and never past the caller's deadline: the wiring caps it). */
  burstWaitMs: (fallback: number) => z.coerce.number().int().positive().max(10_000).default(fallback),
  standingAfterMs: (fallback: number) => z.coerce.number().int().positive().max(60_000).default(fallback),
};

interface Waiter {
  admit(): void;
  timer: NodeJS.Timeout;
}

/**
 * A concurrency limit with a bounded queue. Past capacity a request is refused at once
 * (queue full) or after a bounded wait (or when its caller's deadline comes first), instead
 * of joining a backlog that answers everyone late. Counting, not measuring: it costs nothing
 * per request but a counter and a timer while it waits.
 *
 * How long a request may wait follows CoDel's idea (a good queue drains, a bad one
 * stands): while the queue has been non-empty for less than `standingAfterMs` it is a burst,
 * and a request may wait `burstWaitMs`; once it has stood that long (arrivals keep up with
 * the service: sustained overload), a request waits at most `maxWaitMs` and is refused fast.
 */
export class Admission {
  private running = 0;
  private readonly waiting: Waiter[] = [];
  /** When the queue last went from empty to non-empty; undefined while it is empty. */
  private queuedSince: number | undefined;

  constructor(
    readonly limits: AdmissionLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** The wait a request joining the queue now is given. */
  get allowedWaitMs(): number {
    const { maxWaitMs, burstWaitMs = maxWaitMs, standingAfterMs = 2_000 } = this.limits;
    const standing = this.queuedSince !== undefined && this.now() - this.queuedSince >= standingAfterMs;
    return standing ? maxWaitMs : Math.max(burstWaitMs, maxWaitMs);
  }

  get inFlight(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves with a release function once admitted, or with undefined when refused. */
  enter(maxWaitMs = Number.POSITIVE_INFINITY): Promise<(() => void) | undefined> {
    if (this.running < this.limits.concurrency) return Promise.resolve(this.admitted());
    if (this.waiting.length >= this.limits.queue || maxWaitMs <= 0) return Promise.resolve(undefined);
    const wait = Math.min(maxWaitMs, this.allowedWaitMs);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        admit: () => resolve(this.admitted()),
        timer: setTimeout(() => {
          this.leaveQueue(this.waiting.indexOf(waiter));
          resolve(undefined);
        }, wait),
      };
      if (this.waiting.length === 0) this.queuedSince = this.now();
      this.waiting.push(waiter);
    });
  }

  private leaveQueue(index: number): Waiter | undefined {
    const [waiter] = this.waiting.splice(index, 1);
    if (this.waiting.length === 0) this.queuedSince = undefined;
    return waiter;
  }

  private admitted(): () => void {
    this.running++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.running--;
      const next = this.waiting.length > 0 ? this.leaveQueue(0) : undefined;
      if (next) {
        clearTimeout(next.timer);
        next.admit();
      }
    };
  }
}

export const OVERLOADED = 'overloaded';

/** The 503 of a refused request: no work was started for it; retry after `retryAfterSeconds`. */
export function overloaded(retryAfterSeconds: number): ProblemError {
  return new ProblemError(problem(503, OVERLOADED, 'The service is at capacity and did not start on this request. Try again shortly.'), {
    'Retry-After': String(retryAfterSeconds),
  });
}

/**
 * Admission control as middleware: the request waits for a turn (never past its caller's
 * deadline, for a service behind the gateway: `deadline` reads it) and holds the turn until
 * its answer is sent or its client goes.
 */
export function admissionControl(admission: Admission, retryAfterSeconds: number, deadline?: (req: Request) => number | undefined): RequestHandler {
  return (req, res, next) => {
    const deadlineMs = deadline?.(req);
    const wait = deadlineMs === undefined ? Number.POSITIVE_INFINITY : deadlineMs - Date.now();
    void admission.enter(wait).then((leave) => {
      if (!leave) return next(overloaded(retryAfterSeconds));
      res.once('finish', leave);
      res.once('close', leave);
      next();
    });
  };
}
