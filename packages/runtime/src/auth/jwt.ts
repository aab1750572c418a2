import { createHmac, timingSafeEqual } from 'node:crypto';
import { Caller } from '../contracts/caller';

/** HS256 JSON Web Tokens: issued by the customer service, verified by the gateway. */
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

export interface TokenClaims {
  sub: string;
  role: Caller['role'];
  iat: number;
  exp: number;
}

function sign(payload: string, key: string): string {
  return createHmac('sha256', key).update(`${HEADER}.${payload}`).digest('base64url');
}

export function issueToken(caller: Caller, key: string, ttlSeconds = 24 * 3600, now = Date.now()): string {
  const iat = Math.floor(now / 1000);
  const claims: TokenClaims = { sub: caller.id, role: caller.role, iat, exp: iat + ttlSeconds };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${HEADER}.${payload}.${sign(payload, key)}`;
}

/** The caller a token names, if it is ours, intact and not expired; otherwise undefined. */
export function verifyToken(token: string, key: string, now = Date.now()): Caller | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) return undefined;
  const [, payload, signature] = parts as [string, string, string];
  const expected = Buffer.from(sign(payload, key));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Partial<TokenClaims>;
    if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number' || claims.exp * 1000 <= now) return undefined;
    if (claims.role !== 'admin' && claims.role !== 'customer') return undefined;
    return { role: claims.role, id: claims.sub };
  } catch {
    return undefined;
  }
}
