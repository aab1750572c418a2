/**
 * RFC 9457 problem details, the one error shape of the public API.
 * Domain code raises nothing HTTP-specific; adapters turn outcomes into problems here.
 */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Until the app names its own (startService's `problemBase`): a URN, never a real address. */
let base = 'urn:problem-type:';

/** The prefix of every problem type this process answers: the app's, set once before it serves. */
export function useProblemBase(prefix: string): void {
  base = prefix;
}

export function problemBase(): string {
  return base;
}

export interface FieldError {
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  /**
   * The HTTP status, as RFC 9457 has it; except that API.md puts the order's status here
   * in the out-of-stock answer (`status: "OutOfStocked"`), so it may be a string.
   */
  status: number | string;
  detail: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** `slug` names the problem type: `out-of-stock` becomes `${problemBase()}out-of-stock`. */
export function problem(status: number, slug: string, detail: string, extensions: Record<string, unknown> = {}): Problem {
  return { type: `${base}${slug}`, title: TITLES[status] ?? 'Error', status, detail, ...extensions };
}

/** Thrown by adapters to answer with a problem; anything else thrown is a 500. */
export class ProblemError extends Error {
  readonly httpStatus: number;

  constructor(
    readonly problem: Problem,
    readonly headers: Record<string, string> = {},
    httpStatus?: number,
  ) {
    super(problem.detail);
    this.name = 'ProblemError';
    this.httpStatus = httpStatus ?? (typeof problem.status === 'number' ? problem.status : 500);
  }
}
