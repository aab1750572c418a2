import { Request, RequestHandler } from 'express';
import { problem, ProblemError } from '@bookstore/runtime';
import { FailureWindow, RequestBudget } from '../../domain/rate-limits';

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

/** Failed logins counted per account and per client address. */
export class LoginThrottle {
  constructor(
    private readonly perAccount: FailureWindow,
    private readonly perClient: FailureWindow,
  ) {}

  private keys(req: Request, body: Buffer | undefined): { account: string; client: string } {
    let email = '';
    try {
      email = String((JSON.parse(body?.toString() ?? '{}') as { email?: unknown }).email ?? '');
    } catch {
      // a malformed body: the customer service answers 400
    }
    return { account: email.trim().toLowerCase(), client: req.ip ?? 'unknown' };
  }

  /** Throws 429 when this login attempt must wait. */
  check(req: Request, body: Buffer | undefined): void {
    const { account, client } = this.keys(req, body);
    const now = Date.now();
    const wait = Math.max(this.perAccount.retryAfterMs(account, now), this.perClient.retryAfterMs(client, now));
    if (wait > 0) throw tooMany(wait, 'Too many failed logins; try again later.');
  }

  record(req: Request, body: Buffer | undefined, status: number): void {
    const { account, client } = this.keys(req, body);
    if (status === 401) {
      this.perAccount.recordFailure(account, Date.now());
      this.perClient.recordFailure(client, Date.now());
    } else if (status === 200) {
      this.perAccount.reset(account);
    }
  }
}
