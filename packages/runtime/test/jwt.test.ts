import { createHmac } from 'node:crypto';
import { IdentityScheme, issueToken, keyId, signingKeyProblem, TokenVerifier } from '../src';

const scheme: IdentityScheme<'admin' | 'customer'> = {
  idHeader: 'x-id',
  roleHeader: 'x-role',
  roles: ['admin', 'customer'],
  superRole: 'admin',
  issuer: 'test-shop',
  audience: 'test-shop-api',
};

const key = 'k'.repeat(32);
const other = 'o'.repeat(32);
const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token made by hand, to say exactly what is wrong with it. */
function craft(header: object, claims: object, signingKey = key): string {
  const head = `${b64(header)}.${b64(claims)}`;
  return `${head}.${createHmac('sha256', signingKey).update(head).digest('base64url')}`;
}

const now = 1_700_000_000_000;
const iat = now / 1000;
const good = { iss: scheme.issuer, aud: scheme.audience, sub: 'c1', role: 'customer', iat, nbf: iat, exp: iat + 60 };
const header = { alg: 'HS256', typ: 'JWT', kid: keyId(key) };

describe('tokens', () => {
  const verifier = new TokenVerifier({ current: key }, scheme);

  it('when a token is verified with its key before it expires, then it names its caller', async () => {
    expect(await verifier.verify(issueToken({ role: 'customer', id: 'c1' }, key, scheme, 60, now), now)).toEqual({ role: 'customer', id: 'c1' });
    expect(await verifier.verify(craft(header, good), now)).toEqual({ role: 'customer', id: 'c1' });
  });

  it('when a token is issued, then it carries iss, aud, nbf, exp and the key id', () => {
    const [h, p] = issueToken({ role: 'admin', id: 'admin' }, key, scheme, 60, now).split('.');
    expect(JSON.parse(Buffer.from(h!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT', kid: keyId(key) });
    expect(JSON.parse(Buffer.from(p!, 'base64url').toString())).toEqual({ ...good, sub: 'admin', role: 'admin' });
  });

  it.each([
    ['expired', craft(header, { ...good, exp: iat - 1 })],
    ['not yet valid (nbf in the future)', craft(header, { ...good, nbf: iat + 600 })],
    ['of another issuer', craft(header, { ...good, iss: 'someone-else' })],
    ['for another audience', craft(header, { ...good, aud: 'another-api' })],
    ['without an audience', craft(header, { ...good, aud: undefined })],
    ['without exp', craft(header, { ...good, exp: undefined })],
    ['without nbf', craft(header, { ...good, nbf: undefined })],
    ['with an unknown role', craft(header, { ...good, role: 'root' })],
    ['without a subject', craft(header, { ...good, sub: undefined })],
    ['signed with another key', craft({ ...header, kid: keyId(other) }, good, other)],
    ['naming our key but signed with another', craft(header, good, other)],
    ['without a key id', craft({ alg: 'HS256', typ: 'JWT' }, good)],
    ['alg none', `${b64({ alg: 'none', typ: 'JWT', kid: keyId(key) })}.${b64(good)}.`],
    [
      'alg HS512 with our key',
      (() => {
        const head = `${b64({ ...header, alg: 'HS512' })}.${b64(good)}`;
        return `${head}.${createHmac('sha512', key).update(head).digest('base64url')}`;
      })(),
    ],
    [
      'edited after signing',
      (() => {
        const [h, , s] = craft(header, good).split('.');
        return `${h}.${b64({ ...good, role: 'admin' })}.${s}`;
      })(),
    ],
    ['not a token', 'not.a.token'],
    ['empty', ''],
  ])('when a token is %s, then it is refused', async (_what, token) => {
    expect(await verifier.verify(token, now)).toBeUndefined();
  });

  it('when the key rotates, then tokens of the previous key are accepted and of older keys refused', async () => {
    const rotated = new TokenVerifier({ current: other, previous: key }, scheme);
    expect(await rotated.verify(issueToken({ role: 'customer', id: 'c1' }, key, scheme, 60, now), now)).toEqual({ role: 'customer', id: 'c1' });
    expect(await rotated.verify(issueToken({ role: 'customer', id: 'c2' }, other, scheme, 60, now), now)).toEqual({ role: 'customer', id: 'c2' });
    const retired = new TokenVerifier({ current: 'n'.repeat(32), previous: other }, scheme);
    expect(await retired.verify(issueToken({ role: 'customer', id: 'c1' }, key, scheme, 60, now), now)).toBeUndefined();
  });
});

describe('signing keys', () => {
  it.each([
    ['missing', undefined, 'development'],
    ['empty', '', 'development'],
    ['missing', undefined, 'production'],
    ['31 bytes', 'x'.repeat(31), 'production'],
    ['the key once published in the repository', 'local-only-signing-key-never-use-in-production-7c1f', 'production'],
  ])('when the key is %s (NODE_ENV=%s), then the service refuses to start', (_what, value, nodeEnv) => {
    expect(signingKeyProblem(value, nodeEnv)).toMatch(/Refusing to start/);
  });

  it('when the key is 32 random bytes in production, or anything non-empty locally, then it may be used', () => {
    expect(signingKeyProblem('x'.repeat(32), 'production')).toBeUndefined();
    expect(signingKeyProblem('short', 'development')).toBeUndefined();
    expect(signingKeyProblem('local-only-signing-key-never-use-in-production-7c1f', 'development')).toBeUndefined();
  });

  it('when a key id is made, then it does not contain the key and differs per key', () => {
    expect(keyId(key)).not.toContain('kkkk');
    expect(keyId(key)).not.toBe(keyId(other));
  });
});
