import { Express, Router } from 'express';
import { deadlineHeader, Logger, problem, ProblemError, route, TokenVerifier } from '@bookstore/runtime';
import { PUBLIC_ROUTES } from '../../domain/routing';
import type { Upstreams } from '../outbound/upstream';
import { callerHeaders, requireRole } from './authentication';
import { Role } from '@bookstore/contracts';

export interface LiveRouteDeps {
  log: Logger;
  upstreams: Upstreams;
  tokens: TokenVerifier<Role>;
  retryAfterSeconds: number;
  /** Streams this gateway keeps open at most; past it a new one is refused (503 overloaded). */
  maxStreams: number;
  /** The budget for the stream's head, as any call's. */
  deadlineMs: number;
}

/**
 * The streamed routes (`GET /updates`): mounted before admission control, which is for
 * short calls (an open stream would hold a slot for as long as a page is open), with a cap
 * of their own. The stream is passed through as it comes; a page that goes away closes the
 * upstream call, and the upstream ending ends the page's stream (it reconnects).
 */
export function liveRoutes(app: Express, { log, upstreams, tokens, retryAfterSeconds, maxStreams, deadlineMs }: LiveRouteDeps): void {
  const router = Router({ caseSensitive: true, strict: true });
  let open = 0;
  for (const streamed of PUBLIC_ROUTES.filter((r) => r.stream)) {
    if (streamed.owner === 'gateway') continue;
    const owner = streamed.owner;
    router.get(
      streamed.path,
      route(async (req, res) => {
        if (open >= maxStreams) {
          throw new ProblemError(problem(503, 'overloaded', 'Too many live pages are open right now. Try again shortly.'), {
            'Retry-After': String(retryAfterSeconds),
          });
        }
        // Checked here, not only by the service: Dapr streams an invocation that accepts
        // text/event-stream, and turns any other answer to it (a 401) into an error of its own.
        const caller = await requireRole(req, tokens, streamed.roles);
        const abort = new AbortController();
        req.on('close', () => abort.abort());
        const headers = { ...callerHeaders(caller), ...deadlineHeader(Date.now() + deadlineMs) };
        const answer = await upstreams.stream(owner, streamed.path, headers, abort.signal);
        if (answer.kind === 'stream') {
          open += 1;
          res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
          answer.body.on('error', () => res.end());
          answer.body.on('end', () => res.end());
          res.on('close', () => {
            open -= 1;
            answer.body.destroy();
          });
          answer.body.pipe(res);
          return;
        }
        if (answer.kind === 'answered') return void res.status(answer.status).set(answer.headers).send(answer.body);
        log.warn('upstream stream unavailable', { upstream: owner, route: streamed.path, reason: answer.reason });
        if (answer.kind === 'broken') throw new ProblemError(problem(502, 'bad-gateway', `The ${owner} service failed to answer properly.`));
        throw new ProblemError(problem(503, 'service-unavailable', `The ${owner} service is not available right now. Try again shortly.`), {
          'Retry-After': String(retryAfterSeconds),
        });
      }),
    );
  }
  app.use(router);
}
