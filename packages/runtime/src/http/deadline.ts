import { Request } from 'express';

/**
 * The caller's deadline, epoch ms: set by the gateway on every upstream call (a client's own
 * header of that name is never forwarded), read by the service that must not start or commit
 * work its caller has given up on. Absolute, so time spent queueing anywhere counts.
 */
export const DEADLINE_HEADER = 'x-call-deadline';

export function deadlineHeader(deadlineMs: number): Record<string, string> {
  return { [DEADLINE_HEADER]: String(Math.floor(deadlineMs)) };
}

/** The deadline a request came with; none (or a malformed one) means no deadline. */
export function deadlineOf(req: Request): number | undefined {
  const value = req.header(DEADLINE_HEADER);
  if (value === undefined || !/^\d{1,15}$/.test(value)) return undefined;
  return Number(value);
}
