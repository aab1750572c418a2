import { Request } from 'express';
import { IDEMPOTENCY_KEY } from '../idempotency';
import { problem, ProblemError } from '../schema/problem';

/** The request's `Idempotency-Key` header, if any; a malformed one is 400. */
export function idempotencyKeyOf(req: Request): string | undefined {
  const key = req.header('idempotency-key');
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new ProblemError(
      problem(400, 'validation', 'The Idempotency-Key header is not valid.', {
        errors: [{ path: 'Idempotency-Key', message: 'must be 1..200 letters, digits, _ . : or -' }],
      }),
    );
  }
  return key;
}
