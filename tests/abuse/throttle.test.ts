import { signUpCustomer } from '../support/auth';
import { brokenRule } from './support/problem-shape';
import { gatewayPort, inParallel, RawRequest, RawResponse, send } from './support/raw-http';

/**
 * The login throttle (issue 7, item 6). Each attack comes from a client address of its own
 * (127.0.0.0/8 is all loopback on Linux), so the per-client limit it trips locks no other
 * test out of logging in.
 */
const ACCOUNT_LIMIT = Number(process.env.LOGIN_FAILURES_PER_ACCOUNT ?? 5);
const ATTACKER = '127.0.0.2';

const login = (email: string, password: string, from: string, path = '/auth/login'): RawRequest => ({
  method: 'POST',
  path,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email, password }),
  from,
});

const tally = (answers: RawResponse[]): Record<number, number> =>
  answers.reduce<Record<number, number>>((counts, a) => ({ ...counts, [a.status]: (counts[a.status] ?? 0) + 1 }), {});

describe('the login throttle', () => {
  it(`when 500 wrong passwords for one account arrive at once, then at most ${ACCOUNT_LIMIT} are checked (401) and the rest are 429 with Retry-After`, async () => {
    const victim = await signUpCustomer('Throttle Victim');
    const port = gatewayPort();
    const answers = await inParallel(
      Array.from({ length: 500 }, (_, i) => i),
      100,
      (i) => send(port, login(victim.email, `wrong guess ${i}`, ATTACKER)),
    );
    const counts = tally(answers);
    expect(
      Object.keys(counts)
        .map(Number)
        .filter((s) => s !== 401 && s !== 429),
    ).toEqual([]);
    expect(counts[401] ?? 0).toBeLessThanOrEqual(ACCOUNT_LIMIT);
    expect(counts[429]).toBeGreaterThanOrEqual(500 - ACCOUNT_LIMIT);
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.filter((a) => !(Number(a.headers['retry-after']) > 0) || brokenRule(a, 'POST'))).toEqual([]);

    // Locked, the account stays locked: the right password, another spelling of the route or of the email change nothing.
    const port2 = gatewayPort();
    const tries = await Promise.all([
      send(port2, login(victim.email, victim.password, ATTACKER)),
      send(port2, login(victim.email, victim.password, ATTACKER, '/auth/login?again=1')),
      send(port2, login(`  ${victim.email.toUpperCase()} `, 'another guess', ATTACKER)),
    ]);
    expect(tries.map((t) => t.status)).toEqual([429, 429, 429]);
  });

  it('when the login route is spelled differently, then it is no login at all: 404 or 400, never a password check', async () => {
    const victim = await signUpCustomer('Spelling Victim');
    const port = gatewayPort();
    const spellings = ['/auth/LOGIN', '/auth/login/', '/Auth/login', '/auth/login%2f', '//auth/login', '/auth/./login', '/books/../auth/login'];
    const answers = await Promise.all(
      spellings.map(async (path) => ({ path, status: (await send(port, login(victim.email, 'wrong guess', '127.0.0.3', path))).status })),
    );
    // 404 for a route that is not in the API, 400 for the path tricks (dot segments, encoded slash, `//`).
    expect(answers.filter((a) => a.status !== 404 && a.status !== 400)).toEqual([]);
    expect(answers.filter((a) => ['/auth/LOGIN', '/auth/login/', '/Auth/login'].includes(a.path) && a.status !== 404)).toEqual([]);
  });

  it('when an attacker hammers an account from one address, then its owner still logs in from another', async () => {
    const owner = await signUpCustomer('Lockout Target');
    const port = gatewayPort();
    await inParallel(
      Array.from({ length: 50 }, (_, i) => i),
      25,
      (i) => send(port, login(owner.email, `wrong guess ${i}`, '127.0.0.4')),
    );
    expect((await send(port, login(owner.email, 'one more guess', '127.0.0.4'))).status).toBe(429);
    const fromHome = await send(port, login(owner.email, owner.password, '127.0.0.5'));
    expect(fromHome.status).toBe(200);
  });
});
