import { createHash, createHmac } from 'node:crypto';
import { errors, jwtVerify, JWTHeaderParameters } from 'jose';
import { Caller, IdentityScheme } from '../schema/identity';

/**
 * HS256 JSON Web Tokens: issued by the customer service, verified by the gateway.
 *
 * Every token names its issuer, audience and key (`kid`), so a key can rotate: the customer
 * signs with the current key, the gateway accepts the current and, while old tokens live
 * out their day, the previous one.
 */
export const TOKEN_ALGORITHM = 'HS256';
export const TOKEN_TTL_SECONDS = 24 * 3600;

/** HS256 wants a key at least as long as its hash: 32 bytes. */
export const MIN_SIGNING_KEY_BYTES = 32;

/** Keys that were ever in the repository: anyone can mint tokens with them. */
const KNOWN_KEYS = new Set(['local-only-signing-key-never-use-in-production-7c1f']);

export interface SigningKeys {
  current: string;
  /** The key before the last rotation, accepted for verification only. */
  previous?: string;
}

/** A key's public name: a hash prefix, so it says which key signed without saying the key. */
export function keyId(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 16);
}

/**
 * Why a signing key must not be used, or undefined when it may. On a laptop (anything but
 * NODE_ENV=production) any non-empty key does; elsewhere it must be long and never published.
 */
export function signingKeyProblem(key: string | undefined, nodeEnv: string, name = 'jwt-signing-key'): string | undefined {
  if (key === undefined || key === '') return `Refusing to start: the secret ${name} is missing.`;
  if (nodeEnv !== 'production') return undefined;
  if (Buffer.byteLength(key) < MIN_SIGNING_KEY_BYTES) return `Refusing to start in production: ${name} is shorter than ${MIN_SIGNING_KEY_BYTES} bytes.`;
  if (KNOWN_KEYS.has(key)) return `Refusing to start in production: ${name} is a published key; generate a new one.`;
  return undefined;
}

const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Signs a token. Written with node:crypto rather than jose's SignJWT because signing must be
 * synchronous for the customer's domain (its TokenIssuer port); the output is a standard
 * compact JWS, and verification, where the risk is, is jose's.
 */
export function issueToken(
  caller: Caller,
  key: string,
  scheme: Pick<IdentityScheme, 'issuer' | 'audience'>,
  ttlSeconds = TOKEN_TTL_SECONDS,
  now = Date.now(),
): string {
  const iat = Math.floor(now / 1000);
  const header = encode({ alg: TOKEN_ALGORITHM, typ: 'JWT', kid: keyId(key) });
  const payload = encode({ iss: scheme.issuer, aud: scheme.audience, sub: caller.id, role: caller.role, iat, nbf: iat, exp: iat + ttlSeconds });
  const signature = createHmac('sha256', key).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/** The keys a verifier accepts, by key id. */
function keysById(keys: SigningKeys): Map<string, Uint8Array> {
  const byId = new Map<string, Uint8Array>();
  for (const key of [keys.current, keys.previous]) {
    if (key) byId.set(keyId(key), new TextEncoder().encode(key));
  }
  return byId;
}

/** Verifies bearer tokens against the current and previous key. */
export class TokenVerifier<R extends string> {
  private readonly keys: Map<string, Uint8Array>;

  constructor(
    keys: SigningKeys,
    private readonly scheme: IdentityScheme<R>,
  ) {
    this.keys = keysById(keys);
  }

  /**
   * The caller a token names, if it is ours (one of our keys, HS256 only, our issuer and
   * audience), intact, and inside its nbf..exp; otherwise undefined.
   */
  async verify(token: string, now = Date.now()): Promise<Caller<R> | undefined> {
    const pick = (header: JWTHeaderParameters): Uint8Array => {
      const key = header.kid === undefined ? undefined : this.keys.get(header.kid);
      if (!key) throw new errors.JWKSNoMatchingKey();
      return key;
    };
    try {
      const { payload } = await jwtVerify(token, pick, {
        algorithms: [TOKEN_ALGORITHM],
        issuer: this.scheme.issuer,
        audience: this.scheme.audience,
        requiredClaims: ['sub', 'exp', 'nbf'],
        currentDate: new Date(now),
      });
      const { sub, role } = payload as { sub?: unknown; role?: unknown };
      if (typeof sub !== 'string' || !this.scheme.roles.includes(role as R)) return undefined;
      return { role: role as R, id: sub };
    } catch {
      return undefined;
    }
  }
}
