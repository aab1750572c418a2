import express, { Express, Request } from 'express';
import { BODY_LIMIT, problem, ProblemError, route } from '@bookstore/runtime';
import { ownerOf } from '../../domain/routing';
import { Upstreams } from '../outbound/upstream';

/** Request headers a service may need; everything else stays at the gateway. */
const FORWARDED = ['content-type', 'accept', 'idempotency-key'];

/**
 * Where the caller's identity is established. Until token verification lands, every caller
 * is anonymous and services take customerId from the body; the token check goes here and
 * passes the verified identity on as headers.
 */
function identityHeaders(_req: Request): Record<string, string> {
  return {};
}

export interface ProxyDeps {
  upstreams: Upstreams;
  retryAfterSeconds: number;
}

export function proxyRoutes(app: Express, { upstreams, retryAfterSeconds }: ProxyDeps): void {
  const rawBody = express.raw({ type: () => true, limit: BODY_LIMIT });
  app.all(
    '*',
    rawBody,
    route(async (req, res) => {
      const owner = ownerOf(req.path);
      if (!owner) throw new ProblemError(problem(404, 'not-found', `No route for ${req.method} ${req.path}`));
      const headers: Record<string, string> = { ...identityHeaders(req) };
      for (const name of FORWARDED) {
        const value = req.header(name);
        if (value) headers[name] = value;
      }
      const answer = await upstreams.forward(owner, {
        method: req.method,
        pathAndQuery: req.originalUrl,
        body: Buffer.isBuffer(req.body) ? req.body : undefined,
        headers,
      });
      if (answer.kind === 'unavailable') {
        throw new ProblemError(
          problem(503, 'service-unavailable', `The ${owner} service is not available right now. Try again shortly.`),
          { 'Retry-After': String(retryAfterSeconds) },
        );
      }
      res.status(answer.status).set(answer.headers).send(answer.body);
    }),
  );
}
