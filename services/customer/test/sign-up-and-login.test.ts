import { Caller } from '@bookstore/contracts';
import { CustomerProfile, customerView, publicProfile } from '../src/domain/customer';
import { login } from '../src/domain/login';
import { Customers, EmailClaims, PasswordHasher } from '../src/domain/ports';
import { signUp } from '../src/domain/sign-up';

function world() {
  const profiles = new Map<string, CustomerProfile>();
  const owners = new Map<string, string>();
  const published: string[] = [];
  const customers: Customers = {
    register: async (p) => (profiles.set(p.customerId, p), 'registered'),
    profile: async (id) => {
      const profile = profiles.get(id);
      return profile && publicProfile(profile);
    },
    // Where the CustomerActor checks it: the hash stays with the profile.
    verifyPassword: async (id, password) => {
      const profile = profiles.get(id);
      return profile && (await hasher.verify(password, profile.passwordHash)) ? publicProfile(profile) : undefined;
    },
    view: async (id) => {
      const profile = profiles.get(id);
      return profile && customerView(publicProfile(profile), { purchased: 0, grade: 'BRONZE', mileage: 0 });
    },
    forget: async (id) => void profiles.delete(id),
  };
  const emails: EmailClaims = {
    claim: async (email, id) => {
      const owner = owners.get(email);
      if (owner && owner !== id) return 'taken';
      owners.set(email, id);
      return 'claimed';
    },
    owner: async (email) => owners.get(email),
  };
  const hasher: PasswordHasher = {
    hash: async (p) => `h:${p}`,
    verify: async (p, h) => h === `h:${p}`,
    burn: async () => undefined,
    equals: (a, b) => a === b,
  };
  const tokens = { issue: (c: Caller) => `${c.role}:${c.id}` };
  const events = { registered: async (e: { customerId: string }) => void published.push(e.customerId) };
  const deps = { customers, emails, hasher, tokens, events, admin: { email: 'admin@bookstore.local', password: 'secret' } };
  return { deps, profiles, owners, published };
}

const request = (customerId: string, email: string) => ({ customerId, name: 'N', email, password: 'password1', registeredAt: 't' });

describe('signing up', () => {
  it('when the email is free, then the profile is kept with a hash, the email claimed, the event sent', async () => {
    const { deps, profiles, owners, published } = world();
    const result = await signUp(deps, request('c1', ' Ann@Example.com '));
    expect(result).toMatchObject({ kind: 'registered', token: 'customer:c1' });
    expect(profiles.get('c1')).toMatchObject({ email: 'ann@example.com', passwordHash: 'h:password1' });
    expect(owners.get('ann@example.com')).toBe('c1');
    expect(published).toEqual(['c1']);
  });

  it('when another sign-up claims the email between our check and our claim, then our profile is forgotten', async () => {
    const { deps, profiles, owners, published } = world();
    const racing = { ...deps, emails: { ...deps.emails, owner: async () => undefined } };
    owners.set('ann@example.com', 'c0');
    expect(await signUp(racing, request('c1', 'ann@example.com'))).toEqual({ kind: 'email-taken' });
    expect(profiles.has('c1')).toBe(false);
    expect(published).toEqual([]);
  });
});

describe('logging in', () => {
  it('when the admin gives the secret-store password, then an admin token is issued', async () => {
    const { deps } = world();
    expect(await login(deps, 'ADMIN@bookstore.local', 'secret')).toEqual({ kind: 'admin', token: 'admin:admin' });
    expect(await login(deps, 'admin@bookstore.local', 'admin')).toEqual({ kind: 'denied' });
  });

  it('when a customer gives the right password, then a customer token is issued; otherwise denied', async () => {
    const { deps } = world();
    await signUp(deps, request('c1', 'ann@example.com'));
    expect(await login(deps, 'ann@example.com', 'password1')).toEqual({ kind: 'customer', customerId: 'c1', token: 'customer:c1' });
    expect(await login(deps, 'ann@example.com', 'password2')).toEqual({ kind: 'denied' });
    expect(await login(deps, 'bob@example.com', 'password1')).toEqual({ kind: 'denied' });
  });
});
