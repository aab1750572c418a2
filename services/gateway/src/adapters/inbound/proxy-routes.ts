import express, { Express, Request, RequestHandler } from 'express';
import { Admission, admissionControl, BODY_LIMIT, deadlineHeader, Logger, problem, ProblemError, route, TokenVerifier } from '@bookstore/runtime';
import { loginKeys } from '../../domain/login-throttle';
import { readRequestTarget } from '../../domain/request-target';
import { matchRoute, PublicRoute, upstreamQuery } from '../../domain/routing';
import type { Upstreams } from '../outbound/upstream';
import { authenticate, callerHeaders } from './authentication';
import { LoginAttempt, LoginThrottle } from './limits';
import { Role } from '@bookstore/contracts';

/** Request headers a service may need; everything else (identity headers included) stays here. */
const FORWARDED = ['content-type', 'accept', 'idempotency-key'];
/** What a forwarded header value may hold: visible ASCII, spaces and tabs. */
const HEADER_VALUE = /^[\x20-\x7e\t]*$/;
/** Only these routes read a body; any other request's body is not forwarded. */
const WITH_BODY = new Set(['POST', 'PATCH']);

export interface ProxyDeps {
  log: Logger;
  upstreams: Upstreams;
  retryAfterSeconds: number;
  tokens: TokenVerifier<Role>;
  logins: LoginThrottle;
  /** Past capacity a request is refused (503) before any work; health routes, mounted first, never wait. */
  admission: Admission;
  /** The caller's deadline, from the request's arrival (CALLER_DEADLINE_MS). */
  deadlineMs: number;
}

const badRequest = (detail: string): ProblemError => new ProblemError(problem(400, 'bad-request', detail));

/** The public route a request asks for, or the 400/404/405 that answers it instead. */
function publicRoute(req: Request): { route: PublicRoute; pathAndQuery: string } {
  const target = readRequestTarget(req.originalUrl);
  if (target.kind === 'refused') throw badRequest(`The request path is not acceptable: ${target.reason}.`);
  // No public path ends in '/': `/books/` is not `/books`, and `/auth/login/` is no way around the throttle.
  const match = target.trailingSlash ? { kind: 'not-found' as const } : matchRoute(req.method, target.segments);
  switch (match.kind) {
    case 'not-found':
      throw new ProblemError(problem(404, 'not-found', 'No such route in the public API.'));
    case 'method-not-allowed':
      throw new ProblemError(problem(405, 'method-not-allowed', `This path answers ${match.allow.join(', ')}.`), { Allow: match.allow.join(', ') });
    case 'bad-id':
      // Not an id names nothing: as an unknown id, 404 (the existing contract; control
      // characters, NUL and dots never get this far, they are 400 above).
      throw new ProblemError(problem(404, 'not-found', `No such ${match.parameter}: it is not an id.`));
    case 'route': {
      const query = upstreamQuery(match.route, target.query);
      return { route: match.route, pathAndQuery: query ? `${match.upstreamPath}?${query}` : match.upstreamPath };
    }
  }
}

function forwardedHeaders(req: Request): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED) {
    const value = req.header(name);
    if (value === undefined || value === '') continue;
    if (!HEADER_VALUE.test(value)) throw badRequest(`The ${name} header has characters it may not have.`);
    headers[name] = value;
  }
  return headers;
}

export function proxyRoutes(app: Express, { log, upstreams, retryAfterSeconds, tokens, logins, admission, deadlineMs }: ProxyDeps): void {
  const rawBody = express.raw({ type: () => true, limit: BODY_LIMIT });
  // Taken when the request is admitted: its wait for admission has a bound of its own (a
  // burst's, or a standing queue's short one), and the deadline is the work's budget after it.
  const admitted: RequestHandler = (_req, res, next) => {
    res.locals.deadline = Date.now() + deadlineMs;
    next();
  };
  // `use`, not `all('*')`: Express would decode the path itself, and only the raw one is read here.
  app.use(
    admissionControl(admission, retryAfterSeconds),
    admitted,
    rawBody,
    route(async (req, res) => {
      const { route: chosen, pathAndQuery } = publicRoute(req);
      res.locals.route = chosen.path; // the metrics' route label: the pattern, never the raw path
      if (chosen.owner === 'gateway') throw new ProblemError(problem(404, 'not-found', 'No such route in the public API.'));
      const owner = chosen.owner;
      const body = WITH_BODY.has(chosen.method) && Buffer.isBuffer(req.body) ? req.body : undefined;
      // The client's own headers never carry the deadline: only the FORWARDED ones pass.
      const headers = { ...forwardedHeaders(req), ...callerHeaders(await authenticate(req, tokens)), ...deadlineHeader(res.locals.deadline as number) };
      const attempt: LoginAttempt | undefined = chosen.login ? await logins.admit(loginKeys(body?.toString(), req.ip ?? 'unknown')) : undefined;
      const answer = await upstreams.forward(owner, { method: chosen.method, pathAndQuery, body, headers }).catch(async (error: unknown) => {
        await attempt?.settle(500);
        throw error;
      });
      if (answer.kind !== 'answered') {
        await attempt?.settle(503);
        log.warn(answer.kind === 'unavailable' ? 'upstream unavailable' : 'upstream failed', { upstream: owner, route: chosen.path, reason: answer.reason });
        if (answer.kind === 'broken') throw new ProblemError(problem(502, 'bad-gateway', `The ${owner} service failed to answer properly.`));
        throw new ProblemError(problem(503, 'service-unavailable', `The ${owner} service is not available right now. Try again shortly.`), {
          'Retry-After': String(retryAfterSeconds),
        });
      }
      await attempt?.settle(answer.status);
      res.status(answer.status).set(answer.headers).send(answer.body);
    }),
  );
}
