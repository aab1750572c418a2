import type { z } from 'zod';
import type {
  bookAnswer,
  customerAnswer,
  loginAnswer,
  marketingTargetAnswer,
  myPageAnswer,
  notificationAnswer,
  orderAnswer,
  outOfStockOrderAnswer,
} from '@bookstore/contracts';

/**
 * The shop's public API, as the page calls it: same origin, JSON in and out, problem
 * details (RFC 9457) turned into errors a view can word for a person.
 */

export interface Problem {
  type: string;
  title: string;
  status: number | string;
  detail: string;
  errors?: Array<{ path: string; message: string }>;
  orderId?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
    /** Seconds to wait before trying again (Retry-After), when the answer says. */
    readonly retryAfter: number | undefined,
  ) {
    super(problem?.detail ?? `The shop answered ${status}.`);
  }

  /** The problem's own name: the last part of its type URL (`out-of-stock`). */
  get kind(): string {
    return this.problem?.type.split('/').pop() ?? 'unknown';
  }
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

// The answers' shapes come from the contracts (types only: nothing of zod reaches the bundle).
export type Book = z.output<typeof bookAnswer>;
export type Order = z.output<typeof orderAnswer>;
export type MyPage = z.output<typeof myPageAnswer>;
export type MyPageStatus = MyPage['status'];
export type Notification = z.output<typeof notificationAnswer>;
export type Customer = z.output<typeof customerAnswer>;
export type MarketingTarget = z.output<typeof marketingTargetAnswer>;
export type OutOfStockOrder = z.output<typeof outOfStockOrderAnswer>;
/** Who is logged in: the login answer (a sign-up's carries the same). */
export type Session = z.output<typeof loginAnswer>;

interface Call {
  body?: unknown;
  session?: Session | null;
  idempotencyKey?: string;
  query?: Record<string, string | undefined>;
}

function url(path: string, query: Call['query']): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined && value !== '') params.set(name, value);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export async function api<T>(method: 'GET' | 'POST' | 'PATCH', path: string, call: Call = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (call.body !== undefined) headers['Content-Type'] = 'application/json';
  if (call.session) headers.Authorization = `Bearer ${call.session.token}`;
  if (call.idempotencyKey) headers['Idempotency-Key'] = call.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(url(path, call.query), { method, headers, body: call.body === undefined ? undefined : JSON.stringify(call.body) });
  } catch {
    throw new ApiError(0, undefined, undefined);
  }
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (response.ok) return parsed as T;
  const retryAfter = Number(response.headers.get('Retry-After') ?? '');
  throw new ApiError(response.status, parsed as Problem | undefined, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
}

/** A problem worded for the person who caused it; field errors listed. */
export function describe(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong in this page.';
  if (error.status === 0) return 'The shop cannot be reached. Check the connection and try again.';
  const fields = error.problem?.errors?.map((e) => `${e.path}: ${e.message}`).join('; ');
  const wait = error.retryAfter ? ` Try again in ${error.retryAfter} s.` : '';
  return `${error.problem?.detail ?? error.message}${fields ? ` (${fields})` : ''}${wait}`;
}

export const won = (amount: number): string => `₩${amount.toLocaleString('en-US')}`;
