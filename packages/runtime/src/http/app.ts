import express, { ErrorRequestHandler, Express, NextFunction, Request, RequestHandler, Response } from 'express';
import { Logger } from '../log';
import { problem, Problem, PROBLEM_CONTENT_TYPE, ProblemError } from '../schema/problem';
import { childTrace, formatTraceparent, parseTraceparent, runInTrace } from '../trace';

/** The public API's body limit (API.md: over 64 KiB is 413). */
export const BODY_LIMIT = '64kb';

export function sendProblem(res: Response, body: Problem, headers: Record<string, string> = {}, httpStatus?: number): void {
  const status = httpStatus ?? (typeof body.status === 'number' ? body.status : 500);
  res.status(status).set(headers).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

/** Wraps an async route so a rejected promise reaches the error handler (Express 4 does not). */
export function route(handler: (req: Request, res: Response) => Promise<void>): RequestHandler {
  return (req, res, next) => {
    handler(req, res).catch(next);
  };
}

/** Joins the caller's trace (or starts one) and answers with `traceparent`. */
function traceMiddleware(): RequestHandler {
  return (req, res, next) => {
    const trace = childTrace(parseTraceparent(req.header('traceparent')));
    res.setHeader('traceparent', formatTraceparent(trace));
    runInTrace(trace, next);
  };
}

function accessLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      if (req.path === '/healthz' || req.path === '/readyz') return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.debug('request', { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 });
    });
    next();
  };
}

/**
 * An Express app with what every service needs before its own routes: trace context,
 * access log and a JSON body parser with the public body limit.
 */
export function createHttpApp(log: Logger): Express {
  const app = express();
  app.disable('x-powered-by');
  // `/healthz/` and `/HEALTHZ` are not `/healthz`: a path means exactly what it says.
  app.set('strict routing', true);
  app.set('case sensitive routing', true);
  app.set('etag', false);
  app.use(traceMiddleware());
  app.use(accessLog(log));
  return app;
}

/** JSON body parsing for public routes; Dapr's callbacks parse their own bodies. */
export function jsonBody(limit: string = BODY_LIMIT): RequestHandler {
  return express.json({ limit, type: ['application/json', 'application/*+json'], strict: false });
}

/** After the service's routes: 404 for unknown paths, problem+json for every error. */
export function finishHttpApp(app: Express, log: Logger): void {
  app.use((req: Request, res: Response) => {
    sendProblem(res, problem(404, 'not-found', `No route for ${req.method} ${req.path}`));
  });
  const onError: ErrorRequestHandler = (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof ProblemError) return sendProblem(res, error.problem, error.headers, error.httpStatus);
    const parserError = error as { type?: string; status?: number };
    if (parserError.type === 'entity.too.large') {
      return sendProblem(res, problem(413, 'body-too-large', `The request body is larger than ${BODY_LIMIT}.`));
    }
    if (parserError.type === 'entity.parse.failed') {
      return sendProblem(res, problem(400, 'malformed-json', 'The request body is not valid JSON.'));
    }
    if (parserError.status && parserError.status >= 400 && parserError.status < 500) {
      return sendProblem(res, problem(parserError.status, 'bad-request', 'The request could not be read.'));
    }
    log.error('unhandled error', { method: req.method, path: req.path, error });
    sendProblem(res, problem(500, 'internal', 'Something went wrong on our side; it has been logged.'));
  };
  app.use(onError);
}
