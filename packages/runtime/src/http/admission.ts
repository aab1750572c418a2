import { Request, RequestHandler } from 'express';
import { z } from 'zod';
import { problem, ProblemError } from '../problem';

export interface AdmissionLimits {
  /** Requests worked on at once; the next ones wait. */
  concurrency: number;
  /** Requests that may wait; one more is refused at once. */
  queue: number;
  /** The longest a request waits for its turn before it is refused. */
  maxWaitMs: number;
}

/** Env settings of an admission limit, validated with the rest of a service's config. */
export const admissionFields = {
  concurrency: (fallback: number) => z.coerce.number().int().positive().default(fallback),
  queue: (fallback: number) => z.coerce.number().int().nonnegative().default(fallback),
  /** At most 1 s: a refusal that comes later than that is no longer fast. */
  maxWaitMs: (fallback: number) => z.coerce.number().int().positive().max(1_000).default(fallback),
};

interface Waiter {
  admit(): void;
  timer: NodeJS.Timeout;
}

/**
 * A concurrency limit with a small bounded queue. Past capacity a request is refused at
 * once (queue full) or after at most `maxWaitMs` (or when its caller's deadline comes first),
 * instead of joining a backlog that answers everyone late. Counting, not measuring: it costs
 * nothing per request but a counter.
 */
export class Admission {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(readonly limits: AdmissionLimits) {}

  get inFlight(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves with a release function once admitted, or with undefined when refused. */
  enter(maxWaitMs = this.limits.maxWaitMs): Promise<(() => void) | undefined> {
    if (this.running < this.limits.concurrency) return Promise.resolve(this.admitted());
    if (this.waiting.length >= this.limits.queue || maxWaitMs <= 0) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        admit: () => resolve(this.admitted()),
        timer: setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          resolve(undefined);
        }, Math.min(maxWaitMs, this.limits.maxWaitMs)),
      };
      this.waiting.push(waiter);
    });
  }

  private admitted(): () => void {
    this.running++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.running--;
      const next = this.waiting.shift();
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
    const wait = deadlineMs === undefined ? admission.limits.maxWaitMs : deadlineMs - Date.now();
    void admission.enter(wait).then((leave) => {
      if (!leave) return next(overloaded(retryAfterSeconds));
      res.once('finish', leave);
      res.once('close', leave);
      next();
    });
  };
}
