import { RequestHandler } from 'express';
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { Logger, problem, ProblemError } from '@bookstore/runtime';
import { LoginKeys, Settlement, settlementFor } from '../../domain/login-throttle';
import { RequestBudget } from '../../domain/rate-limits';

export function tooMany(retryAfterMs: number, detail: string): ProblemError {
  return new ProblemError(problem(429, 'too-many-requests', detail), { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) });
}

/** The general per-client limit, when one is configured. */
export function requestBudget(budget: RequestBudget): RequestHandler {
  return (req, _res, next) => {
    const wait = budget.take(req.ip ?? 'unknown', Date.now());
    next(wait > 0 ? tooMany(wait, 'Too many requests from this client; slow down.') : undefined);
  };
}

export interface LoginLimits {
  /** Failures per account from one client in the window (the guesser's backoff). */
  perAccountAndClient: number;
  /** Failures per client over all accounts in the window. */
  perClient: number;
  windowSeconds: number;
  /** Failures per account from all clients in the window, then a short block. */
  perAccount: number;
  accountBlockSeconds: number;
}

type Charge = { limiter: RateLimiterRedis; key: string };

/** A login attempt that has taken its points; settle it with the service's answer. */
export interface LoginAttempt {
  settle(status: number): Promise<void>;
}

/**
 * Failed logins counted in Redis, so every gateway replica sees every attempt. Points are
 * taken before the password is checked (an atomic increment each), so parallel guesses
 * cannot slip through between a check and a record; the answer then keeps or refunds them.
 * Redis down means no login (503): failing open would let guessing run unlimited.
 */
export class LoginThrottle {
  private readonly steps: Array<{ limiter: RateLimiterRedis; key: keyof LoginKeys }>;

  constructor(
    redis: Redis,
    limits: LoginLimits,
    private readonly log: Logger,
    private readonly retryAfterSeconds: number,
  ) {
    const limiter = (keyPrefix: string, points: number, duration: number, blockDuration = 0): RateLimiterRedis =>
      new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration, blockDuration, rejectIfRedisNotReady: true });
    // Strictest first: a guesser stopped by their own backoff costs nobody else a point.
    this.steps = [
      { limiter: limiter('login-account-client', limits.perAccountAndClient, limits.windowSeconds), key: 'accountAndClient' },
      { limiter: limiter('login-client', limits.perClient, limits.windowSeconds), key: 'client' },
      { limiter: limiter('login-account', limits.perAccount, limits.windowSeconds, limits.accountBlockSeconds), key: 'account' },
    ];
  }

  /** Takes a point from every count, or throws 429 (a count is spent) or 503 (Redis is down). */
  async admit(keys: LoginKeys): Promise<LoginAttempt> {
    const charged: Charge[] = [];
    for (const step of this.steps) {
      const charge = { limiter: step.limiter, key: keys[step.key] };
      try {
        await charge.limiter.consume(charge.key);
        charged.push(charge);
      } catch (refusal) {
        // The earlier counts gave a point to an attempt that does not happen: give it back,
        // or the real owner, waiting out an attack on their account, would use up their own.
        await this.refund(charged);
        if (refusal instanceof RateLimiterRes) throw tooMany(refusal.msBeforeNext, 'Too many failed logins; try again later.');
        this.log.warn('login throttle unavailable', { error: String(refusal) });
        throw new ProblemError(problem(503, 'service-unavailable', 'Logging in is not available right now. Try again shortly.'), {
          'Retry-After': String(this.retryAfterSeconds),
        });
      }
    }
    return { settle: (status) => this.settle(charged, status) };
  }

  private async settle(charged: Charge[], status: number): Promise<void> {
    const settlement: Settlement = settlementFor(status);
    if (settlement === 'keep') return;
    const [own, ...rest] = charged;
    if (settlement === 'forgive' && own) {
      await own.limiter.delete(own.key).catch((error: unknown) => this.log.warn('login throttle: forgive failed', { error }));
      return this.refund(rest);
    }
    return this.refund(charged);
  }

  private async refund(charged: Charge[]): Promise<void> {
    await Promise.all(
      charged.map(({ limiter, key }) => limiter.reward(key).catch((error: unknown) => this.log.warn('login throttle: refund failed', { error }))),
    );
  }
}
