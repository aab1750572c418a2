import express, { Express } from 'express';
import { BODY_LIMIT, Logger, problem, ProblemError, route } from '@bookstore/runtime';
import { ownerOf } from '../../domain/routing';
import { Upstreams } from '../outbound/upstream';
import { authenticate, callerHeaders } from './authentication';
import { LoginThrottle } from './limits';

/** Request headers a service may need; everything else (identity headers included) stays here. */
const FORWARDED = ['content-type', 'accept', 'idempotency-key'];

export interface ProxyDeps {
  log: Logger;
  upstreams: Upstreams;
  retryAfterSeconds: number;
  signingKey: string;
  logins: LoginThrottle;
}

const isLogin = (method: string, path: string): boolean => method === 'POST' && path === '/auth/login';

export function proxyRoutes(app: Express, { log, upstreams, retryAfterSeconds, signingKey, logins }: ProxyDeps): void {
  const rawBody = express.raw({ type: () => true, limit: BODY_LIMIT });
  app.all(
    '*',
    rawBody,
    route(async (req, res) => {
      const owner = ownerOf(req.path);
      if (!owner) throw new ProblemError(problem(404, 'not-found', `No route for ${req.method} ${req.path}`));
      const body = Buffer.isBuffer(req.body) ? req.body : undefined;
      const login = isLogin(req.method, req.path);
      if (login) logins.check(req, body);
      const headers: Record<string, string> = callerHeaders(authenticate(req, signingKey));
      for (const name of FORWARDED) {
        const value = req.header(name);
        if (value) headers[name] = value;
      }
      const answer = await upstreams.forward(owner, { method: req.method, pathAndQuery: req.originalUrl, body, headers });
      if (answer.kind === 'unavailable') {
        log.warn('upstream unavailable', { upstream: owner, path: req.path, reason: answer.reason });
        throw new ProblemError(
          problem(503, 'service-unavailable', `The ${owner} service is not available right now. Try again shortly.`),
          { 'Retry-After': String(retryAfterSeconds) },
        );
      }
      if (login) logins.record(req, body, answer.status);
      res.status(answer.status).set(answer.headers).send(answer.body);
    }),
  );
}
