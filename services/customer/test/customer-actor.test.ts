import { ActorContext, ActorInstance, ActorState, Logger, ProblemError, Sidecar, StateOperation } from '@bookstore/runtime';
import { CUSTOMER_ACTOR_TYPE, MAX_RECORDS } from '@bookstore/contracts';
import { customerActor } from '../src/adapters/inbound/customer-actor';
import { publicProfile } from '../src/domain/customer';
import { emailClaimActor } from '../src/adapters/inbound/email-claim-actor';
import { PasswordHasher } from '../src/domain/ports';

/** The two sidecar calls actor state makes, over memory. */
class FakeActorSidecar {
  readonly stored = new Map<string, unknown>();

  async getVersionedState<T>(_store: string, key: string): Promise<{ value: T; etag: string } | undefined> {
    return this.stored.has(key) ? { value: structuredClone(this.stored.get(key)) as T, etag: 'e' } : undefined;
  }

  async transact(_store: string, operations: StateOperation[]): Promise<void> {
    for (const op of operations) {
      if (op.operation === 'upsert') this.stored.set(op.request.key, structuredClone(op.request.value));
      else this.stored.delete(op.request.key);
    }
  }
}

const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** A hasher whose work can be counted: a burn is a verification's cost spent on nothing. */
function countingHasher() {
  const calls = { verify: 0, burn: 0 };
  const hasher: PasswordHasher = {
    hash: async (p) => `h:${p}`,
    verify: async (p, h) => (calls.verify++, h === `h:${p}`),
    burn: async () => void calls.burn++,
    equals: (a, b) => a === b,
  };
  return { hasher, calls };
}

/** One activation, with turns run as the actor host runs them (commit, or discard on a throw). */
function activate(sidecar: FakeActorSidecar, id: string, create: (context: ActorContext) => ActorInstance) {
  const state = new ActorState(sidecar as unknown as Sidecar, 'statestore', CUSTOMER_ACTOR_TYPE, id);
  const context: ActorContext = {
    type: CUSTOMER_ACTOR_TYPE,
    id,
    state,
    log: silent,
    setReminder: async () => undefined,
    deleteReminder: async () => undefined,
    emit: () => undefined,
  };
  const actor = create(context);
  return async (method: string, body: unknown = {}): Promise<unknown> => {
    try {
      const result = await actor.methods[method]!(body);
      await state.commit();
      return result;
    } catch (error) {
      state.discard();
      throw error;
    }
  };
}

const profile = { customerId: 'c1', name: 'Ann', email: 'ann@example.com', passwordHash: 'h:password1', registeredAt: '2026-01-01T00:00:00.000Z' };

describe('the CustomerActor keeping the password hash to itself', () => {
  it('when the profile is read, then it carries no password hash', async () => {
    const turn = activate(new FakeActorSidecar(), 'c1', (c) => customerActor(c, countingHasher().hasher));
    expect(await turn('register', profile)).toBe('registered');
    const read = await turn('profile');
    expect(read).toEqual({ customerId: 'c1', name: 'Ann', email: 'ann@example.com', registeredAt: profile.registeredAt });
    expect(JSON.stringify(read)).not.toContain('h:password1');
  });

  it('when a password is verified, then only the outcome and the public profile come back', async () => {
    const turn = activate(new FakeActorSidecar(), 'c1', (c) => customerActor(c, countingHasher().hasher));
    await turn('register', profile);
    const right = await turn('verifyPassword', { password: 'password1' });
    expect(right).toEqual({ ok: true, profile: { customerId: 'c1', name: 'Ann', email: 'ann@example.com', registeredAt: profile.registeredAt } });
    expect(JSON.stringify(right)).not.toContain('passwordHash');
    expect(await turn('verifyPassword', { password: 'password2' })).toEqual({ ok: false });
  });

  it('when there is no profile, then the password is denied as slowly as a wrong one', async () => {
    const { hasher, calls } = countingHasher();
    const turn = activate(new FakeActorSidecar(), 'c1', (c) => customerActor(c, hasher));
    expect(await turn('verifyPassword', { password: 'password1' })).toEqual({ ok: false });
    expect(calls).toEqual({ verify: 0, burn: 1 });
  });
});

describe('the CustomerActor keeping the ledger of its orders', () => {
  const orderedAt = (minute: number) => `2026-01-02T00:${String(minute).padStart(2, '0')}:00.000Z`;

  it('when a batch of orders and a cancellation is recorded in one turn, then the standing counts them as API.md defines', async () => {
    const sidecar = new FakeActorSidecar();
    const turn = activate(sidecar, 'c1', (c) => customerActor(c, countingHasher().hasher));
    await turn('register', profile);
    const events = [
      { kind: 'ordered', orderId: 'o2', price: 10_000, orderedAt: orderedAt(2) },
      { kind: 'ordered', orderId: 'o1', price: 60_000, orderedAt: orderedAt(1) },
      { kind: 'ordered', orderId: 'o3', price: 30_000, orderedAt: orderedAt(3) },
      { kind: 'cancelled', orderId: 'o2', price: 10_000 },
    ];
    expect(await turn('recordMany', { events })).toBeNull();
    // o1 at BRONZE 1 % = 600; o2 cancelled; o3 at SILVER 2 % = 600.
    expect(await turn('view')).toEqual({ profile: publicProfile(profile), standing: { purchased: 90_000, grade: 'SILVER', mileage: 1_200 } });
    // the host's own fence key (one per actor, rewritten by every commit) aside
    expect([...sidecar.stored.keys()].filter((k) => !k.endsWith(':@fence')).sort()).toEqual([
      'CustomerActor:c1:ledger',
      'CustomerActor:c1:order:o1',
      'CustomerActor:c1:order:o2',
      'CustomerActor:c1:order:o3',
      'CustomerActor:c1:profile',
    ]);
  });

  it("when a customer's orders are still in the old whole-map key, then the first turn moves them to the ledger, exactly", async () => {
    const sidecar = new FakeActorSidecar();
    sidecar.stored.set('CustomerActor:c1:purchases', {
      o1: { orderId: 'o1', price: 60_000, orderedAt: orderedAt(1), cancelled: false },
      o2: { orderId: 'o2', price: 10_000, orderedAt: orderedAt(2), cancelled: true },
      o3: { orderId: 'o3', price: 5_000, orderedAt: '', cancelled: true },
    });
    const turn = activate(sidecar, 'c1', (c) => customerActor(c, countingHasher().hasher));
    await turn('register', profile);
    expect(await turn('view')).toMatchObject({ standing: { purchased: 60_000, grade: 'SILVER', mileage: 600 } });
    expect(sidecar.stored.has('CustomerActor:c1:purchases')).toBe(false);
    // The cancellation that came before its order is remembered: the order never counts.
    await turn('recordMany', {
      events: [
        { kind: 'ordered', orderId: 'o3', price: 5_000, orderedAt: orderedAt(3) },
        { kind: 'ordered', orderId: 'o4', price: 1_000, orderedAt: orderedAt(4) },
      ],
    });
    expect(await turn('view')).toMatchObject({ standing: { purchased: 61_000, grade: 'SILVER', mileage: 620 } });
  });
});

describe('the CustomerActor refusing bodies that break its contract', () => {
  const orderedAt = '2026-01-02T00:00:00.000Z';

  it.each([
    ['register', 'a profile for another customer', { ...profile, customerId: 'c2' }],
    ['register', 'a name with a control character', { ...profile, name: 'A\u0007nn' }],
    ['register', 'a name with a bidi override', { ...profile, name: '\u202Enna' }],
    ['register', 'no password hash', { ...profile, passwordHash: undefined }],
    ['register', 'an email that is not one', { ...profile, email: 'ann' }],
    ['recordMany', 'a negative price (which would take mileage away)', { events: [{ kind: 'ordered', orderId: 'o1', price: -1000, orderedAt }] }],
    ['recordMany', 'an unsafe price', { events: [{ kind: 'ordered', orderId: 'o1', price: 2 ** 60, orderedAt }] }],
    ['recordMany', 'a fractional price', { events: [{ kind: 'ordered', orderId: 'o1', price: 10.5, orderedAt }] }],
    ['recordMany', 'an orderId with NUL', { events: [{ kind: 'ordered', orderId: 'o\u0000', price: 1000, orderedAt }] }],
    ['recordMany', 'an orderedAt that is not a time', { events: [{ kind: 'ordered', orderId: 'o1', price: 1000, orderedAt: 'yesterday' }] }],
    ['recordMany', 'a cancellation with no orderId', { events: [{ kind: 'cancelled', price: 1000 }] }],
    ['recordMany', 'an event of no known kind', { events: [{ kind: 'refunded', orderId: 'o1', price: 1000 }] }],
    [
      'recordMany',
      'one bad event among good ones',
      {
        events: [
          { kind: 'ordered', orderId: 'o2', price: 1000, orderedAt },
          { kind: 'ordered', orderId: 'o3', price: -1, orderedAt },
        ],
      },
    ],
    ['recordMany', 'no events', { events: [] }],
    [
      'recordMany',
      'more events than one turn takes',
      { events: Array.from({ length: MAX_RECORDS + 1 }, (_, i) => ({ kind: 'ordered', orderId: `o${i + 10}`, price: 1000, orderedAt })) },
    ],
    ['verifyPassword', 'a password that is not a string', { password: { $ne: '' } }],
    ['verifyPassword', 'a huge password', { password: 'x'.repeat(10_000) }],
  ])('when %s is called with %s, then it is refused as a 400 and nothing is stored', async (method, _why, body) => {
    const sidecar = new FakeActorSidecar();
    const turn = activate(sidecar, 'c1', (c) => customerActor(c, countingHasher().hasher));
    await turn('register', profile);
    await turn('recordMany', { events: [{ kind: 'ordered', orderId: 'o0', price: 1000, orderedAt }] });
    const before = structuredClone([...sidecar.stored]);
    const error = await turn(method, body).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).httpStatus).toBe(400);
    expect([...sidecar.stored]).toEqual(before);
  });
});

describe('the EmailClaimActor refusing bodies that break its contract', () => {
  it.each([
    ['no customerId', {}],
    ['a customerId like %00', { customerId: '%00' }],
    ['a customerId that is an object', { customerId: { id: 'c1' } }],
  ])('when a claim carries %s, then it is refused as a 400 and the email stays unclaimed', async (_why, body) => {
    const sidecar = new FakeActorSidecar();
    const turn = activate(sidecar, 'e1', emailClaimActor);
    const error = await turn('claim', body).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as ProblemError).httpStatus).toBe(400);
    expect(await turn('owner')).toBeNull();
    expect(sidecar.stored.size).toBe(0);
  });
});
