import { z } from 'zod';
import { FieldError, problem, ProblemError } from './schema/problem';

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
  throw new ProblemError(problem(400, 'validation', `The ${what} is not valid.`, { errors: fieldErrors(result.error) }));
}
