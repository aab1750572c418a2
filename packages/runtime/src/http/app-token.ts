import { createHash, timingSafeEqual } from 'node:crypto';
import { RequestHandler } from 'express';
import { sendProblem } from './app';
import { problem } from '../schema/problem';

/** The header Dapr uses for both tokens: the app's to its sidecar, the sidecar's to its app. */
export const API_TOKEN_HEADER = 'dapr-api-token';

/** Equal-length digests, so the comparison takes the same time whatever the guess. */
function sameToken(given: string, expected: string): boolean {
  const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Refuses (401) every request that does not carry the app API token, the one the sidecar
 * is started with (APP_API_TOKEN): only this app's own sidecar can then reach its routes,
 * actor methods, subscriptions and internal routes, not another local process. Mounted
 * after GET /healthz and GET /readyz only: Dapr's app health probe and the kubelet's probes
 * send no token.
 */
export function requireAppToken(token: string): RequestHandler {
  return (req, res, next) => {
    const given = req.header(API_TOKEN_HEADER);
    if (given !== undefined && sameToken(given, token)) return next();
    sendProblem(res, problem(401, 'unauthenticated', 'This port answers only its Dapr sidecar.'));
  };
}
