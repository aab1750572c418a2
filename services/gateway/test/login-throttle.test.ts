import { accountOf, loginKeys, settlementFor } from '../src/domain/login-throttle';

describe('login throttle keys', () => {
  const body = (email: unknown): string => JSON.stringify({ email, password: 'x' });

  it('when an account is spelt in another case or with spaces, then it is counted as the same account', () => {
    const a = loginKeys(body('Ada@Example.com'), '10.0.0.1');
    const b = loginKeys(body('  ada@example.COM '), '10.0.0.1');
    expect(b).toEqual(a);
  });

  it('when one account is tried from two clients, then they share the account count only', () => {
    const a = loginKeys(body('ada@example.com'), '10.0.0.1');
    const b = loginKeys(body('ada@example.com'), '10.0.0.2');
    expect(b.account).toBe(a.account);
    expect(b.client).not.toBe(a.client);
    expect(b.accountAndClient).not.toBe(a.accountAndClient);
  });

  it('when one client tries two accounts, then they share the client count only', () => {
    const a = loginKeys(body('ada@example.com'), '10.0.0.1');
    const b = loginKeys(body('bob@example.com'), '10.0.0.1');
    expect(b.client).toBe(a.client);
    expect(b.account).not.toBe(a.account);
    expect(b.accountAndClient).not.toBe(a.accountAndClient);
  });

  it('when parts could be joined two ways, then the keys still differ', () => {
    expect(loginKeys(body('a'), 'b:c').accountAndClient).not.toBe(loginKeys(body('a:b'), 'c').accountAndClient);
  });

  it('when keys are made, then no email address appears in them and they have a bounded length', () => {
    const keys = loginKeys(body(`${'x'.repeat(10_000)}@example.com`), '10.0.0.1');
    for (const key of Object.values(keys)) {
      expect(key).not.toContain('example');
      expect(key.length).toBeLessThanOrEqual(43);
    }
  });

  it.each([[undefined], [''], ['not json'], ['null'], ['[]'], [JSON.stringify({ email: 42 })], [JSON.stringify({})]])(
    'when the body is %p, then the account is the empty one (still counted)',
    (raw) => {
      expect(accountOf(raw)).toBe('');
    },
  );

  it.each([
    [401, 'keep'],
    [200, 'forgive'],
    [400, 'refund'],
    [429, 'refund'],
    [503, 'refund'],
    [500, 'refund'],
  ])('when the service answers %p, then the points are settled as %p', (status, settlement) => {
    expect(settlementFor(status)).toBe(settlement);
  });
});
