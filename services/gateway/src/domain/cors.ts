/**
 * Cross-origin policy: off unless origins are configured (CORS_ORIGINS). A browser page of
 * an allowed origin may call the API with a bearer token; no cookies are involved, so
 * credentials are never allowed, and every other origin gets no CORS header at all.
 */
export const CORS_ALLOWED_HEADERS = 'authorization, content-type, idempotency-key, traceparent';
export const CORS_EXPOSED_HEADERS = 'location, retry-after, traceparent';
const CORS_MAX_AGE_SECONDS = '600';

export type CorsAnswer =
  /** Not a cross-origin request, or one from an origin we do not serve: no CORS headers. */
  | { kind: 'none' }
  /** A request from an allowed origin: answer it, with these headers. */
  | { kind: 'allowed'; headers: Record<string, string> }
  /** A preflight: answer it here (204 for an allowed origin, 403 for any other). */
  | { kind: 'preflight'; allowed: boolean; headers: Record<string, string> };

export function corsAnswer(allowedOrigins: readonly string[], method: string, origin: string | undefined, preflightMethod: string | undefined): CorsAnswer {
  const allowed = origin !== undefined && allowedOrigins.includes(origin);
  if (method === 'OPTIONS' && origin !== undefined && preflightMethod !== undefined) {
    if (!allowed) return { kind: 'preflight', allowed: false, headers: {} };
    return {
      kind: 'preflight',
      allowed: true,
      headers: {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, POST, PATCH',
        'Access-Control-Allow-Headers': CORS_ALLOWED_HEADERS,
        'Access-Control-Max-Age': CORS_MAX_AGE_SECONDS,
        Vary: 'Origin',
      },
    };
  }
  if (!allowed) return { kind: 'none' };
  return { kind: 'allowed', headers: { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': CORS_EXPOSED_HEADERS, Vary: 'Origin' } };
}
