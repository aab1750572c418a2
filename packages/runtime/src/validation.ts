import { z } from 'zod';
import { FieldError, problem, ProblemError } from './problem';
import { ID_PATTERN, safeInt } from './contracts/fields';

export { z };

const DIGITS = /^\d+$/;

/**
 * An integer sent as a JSON number or as a string of decimal digits (httpie sends `qty=1`
 * as "1"); anything else ("two", 1.5, "") is invalid. Always a safe integer.
 */
export function intField(bounds: { min?: number; max?: number } = {}) {
  return z
    .union([z.number(), z.string().regex(DIGITS, 'must be a whole number')], {
      error: 'must be a whole number',
    })
    .transform(Number)
    .pipe(safeInt(bounds));
}

/** An id: a string of letters, digits, `_` or `-`, or a JSON number read as its string. */
export const idField = z
  .union([z.string().regex(ID_PATTERN, 'must be an id (letters, digits, _ or -)'), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)], {
    error: 'must be an id',
  })
  .transform(String);

/**
 * An opaque paging cursor: whatever a list gave, which is always printable ASCII; anything
 * else (NUL, spaces, non-ASCII) is no cursor any list gave.
 */
export const cursorField = z.string().max(200, 'must be at most 200 characters').regex(/^[\x21-\x7E]+$/, 'not a cursor this list gave');

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
