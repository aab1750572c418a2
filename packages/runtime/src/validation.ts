import { z } from 'zod';
import { FieldError, problem, ProblemError } from './problem';

export { z };

const DIGITS = /^\d+$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * An integer sent as a JSON number or as a string of decimal digits (httpie sends `qty=1`
 * as "1"); anything else ("two", 1.5, "") is invalid.
 */
export function intField(bounds: { min?: number; max?: number } = {}) {
  let target = z.number().int('must be a whole number');
  if (bounds.min !== undefined) target = target.min(bounds.min, `must be at least ${bounds.min}`);
  if (bounds.max !== undefined) target = target.max(bounds.max, `must be at most ${bounds.max}`);
  return z
    .union([z.number(), z.string().regex(DIGITS, 'must be a whole number')], {
      error: 'must be a whole number',
    })
    .transform(Number)
    .pipe(target);
}

/** An id: a string of letters, digits, `_` or `-`, or a JSON number read as its string. */
export const idField = z
  .union([z.string().regex(ID, 'must be an id (letters, digits, _ or -)'), z.number().int().nonnegative()], {
    error: 'must be an id',
  })
  .transform(String);

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
}

/** Parses input at the edge: the value, or a 400 problem listing every invalid field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what = 'request body'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ProblemError(
    problem(400, 'validation', `The ${what} is not valid.`, { errors: fieldErrors(result.error) }),
  );
}
