import { RawResponse } from './raw-http';

/** What may never appear in an answer: secrets, password hashes, Dapr's own error bodies. */
const LEAKS = /jwtSigningKey|adminPassword|jwt-signing-key|admin-password|scrypt|passwordHash|"errorCode"\s*:\s*"ERR_|\bat [\w.<>]+ \(.*:\d+:\d+\)/;

/**
 * Why an answer breaks the abuse suite's rules, or undefined when it keeps them: no 5xx,
 * every 4xx RFC 9457 problem+json ({type, title, status, detail}, status matching), no leak.
 */
export function brokenRule(response: RawResponse, method = 'GET'): string | undefined {
  const { status } = response;
  if (status >= 500) return `answered ${status}`;
  if (LEAKS.test(response.body)) return `leaked ${LEAKS.exec(response.body)![0]}`;
  if (status < 400) return undefined;
  const type = response.headers['content-type'] ?? '';
  if (!/^application\/problem\+json\b/.test(type)) return `${status} with Content-Type ${type || '(none)'}`;
  if (method === 'HEAD') return undefined;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(response.body) as Record<string, unknown>;
  } catch {
    return `${status} problem body is not JSON`;
  }
  for (const field of ['type', 'title', 'detail'] as const) {
    if (typeof body[field] !== 'string') return `${status} problem without a string ${field}`;
  }
  if (body.status !== status) return `${status} problem says status ${String(body.status)}`;
  return undefined;
}
