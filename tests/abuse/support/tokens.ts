import { createHmac, randomBytes } from 'node:crypto';

/**
 * Tokens made by hand, each wrong in one way. They start from a real token the service
 * issued and change one thing, so whatever else a valid token carries (kid, iss, aud) is
 * right, and the change is the only reason to refuse it.
 */
type Json = Record<string, unknown>;

const encode = (value: Json): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = (part: string): Json => JSON.parse(Buffer.from(part, 'base64url').toString()) as Json;
const hmac = (key: string, input: string): string => createHmac('sha256', key).update(input).digest('base64url');

export function partsOf(token: string): { header: Json; claims: Json } {
  const [header, claims] = token.split('.');
  return { header: decode(header!), claims: decode(claims!) };
}

export function signed(header: Json, claims: Json, key: string): string {
  const input = `${encode(header)}.${encode(claims)}`;
  return `${input}.${hmac(key, input)}`;
}

const now = (): number => Math.floor(Date.now() / 1000);

export interface TokenKit {
  /** The real token's header and claims, signed again with the real key: must be accepted. */
  resigned: string;
  expired: string;
  notYetValid: string;
  forgedSignature: string;
  /** The same claims with the role raised to admin, signed with a key that is not ours. */
  forgedAdmin: string;
  algNone: string;
  wrongAudience: string;
  wrongIssuer: string;
}

export function tokenKit(realToken: string, key: string): TokenKit {
  const { header, claims } = partsOf(realToken);
  const t = now();
  const elsewhere = randomBytes(32).toString('base64url');
  const noneInput = `${encode({ ...header, alg: 'none' })}.${encode({ ...claims, role: 'admin' })}`;
  return {
    resigned: signed(header, claims, key),
    expired: signed(header, { ...claims, iat: t - 7200, nbf: t - 7200, exp: t - 3600 }, key),
    notYetValid: signed(header, { ...claims, iat: t, nbf: t + 3600, exp: t + 7200 }, key),
    forgedSignature: signed(header, claims, elsewhere),
    forgedAdmin: signed(header, { ...claims, role: 'admin' }, elsewhere),
    algNone: `${noneInput}.`,
    wrongAudience: signed(header, { ...claims, aud: 'someone-else' }, key),
    wrongIssuer: signed(header, { ...claims, iss: 'someone-else' }, key),
  };
}
