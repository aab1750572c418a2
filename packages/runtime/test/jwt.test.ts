import { issueToken, verifyToken } from '../src';

describe('tokens', () => {
  const key = 'k'.repeat(32);

  it('when a token is verified with its key before it expires, then it names its caller', () => {
    expect(verifyToken(issueToken({ role: 'customer', id: 'c1' }, key), key)).toEqual({ role: 'customer', id: 'c1' });
  });

  it('when the key differs, the payload is edited or the token expired, then it is refused', () => {
    const token = issueToken({ role: 'customer', id: 'c1' }, key, 60, 0);
    expect(verifyToken(token, 'other key', 0)).toBeUndefined();
    const [h, , s] = token.split('.');
    const edited = Buffer.from(JSON.stringify({ sub: 'c1', role: 'admin', iat: 0, exp: 60 })).toString('base64url');
    expect(verifyToken(`${h}.${edited}.${s}`, key, 0)).toBeUndefined();
    expect(verifyToken(token, key, 61_000)).toBeUndefined();
    expect(verifyToken('not.a.token', key)).toBeUndefined();
  });
});
