import { idempotencyScope, placeOrder } from '../src/domain/place-order';
import { Reservation } from '../src/domain/ports';
import { order, world } from './fakes';

const input = { bookId: 'b1', customerId: 'c1', qty: 2 };
const withKey = (key = 'k1', fingerprint = 'f1') => ({ ...input, idempotency: { key, fingerprint } });

describe('placing an order', () => {
  it('when stock is reserved, then the order is recorded as Ordered at unit price × qty and Ordered is published', async () => {
    const w = world([{ kind: 'reserved', unitPrice: 1000 }]);
    const result = await placeOrder(w.deps, input);
    const expected = { orderId: 'id0001', ...input, price: 2000, status: 'Ordered', orderedAt: '2026-01-01T00:00:00.000Z' };
    expect(result).toEqual({ kind: 'ordered', order: expected, replayed: false });
    expect([...w.orders.map.rows.values()].map((r) => r.value)).toEqual([expected]);
    expect(w.published.map((e) => [e.type, e.eventId])).toEqual([['Ordered', 'id0001-ordered']]);
  });

  it('when the order is committed, then its event is written with it (the outbox) before it is published', async () => {
    const w = world();
    await placeOrder(w.deps, input);
    expect(w.orders.commits[0]!.events.map((e) => e.type)).toEqual(['Ordered']);
  });

  it('when stock is short, then the order is recorded as OutOfStocked and OutOfStocked is published', async () => {
    const w = world([{ kind: 'out-of-stock', unitPrice: 1000 }]);
    const result = await placeOrder(w.deps, input);
    expect(result.kind).toBe('out-of-stock');
    expect([...w.orders.map.rows.values()].map((r) => r.value.status)).toEqual(['OutOfStocked']);
    expect(w.published.map((e) => e.type)).toEqual(['OutOfStocked']);
  });

  it.each<Reservation>([{ kind: 'book-not-found' }, { kind: 'unavailable', reason: 'TIMEOUT' }])(
    'when the stock answer is %p, then nothing is recorded or published',
    async (answer) => {
      const w = world([answer]);
      const result = await placeOrder(w.deps, input);
      expect(result.kind).toBe(answer.kind === 'book-not-found' ? 'book-not-found' : 'stock-unavailable');
      expect(w.orders.map.rows.size).toBe(0);
      expect(w.published).toEqual([]);
    },
  );
});

describe('placing an order with an Idempotency-Key', () => {
  it('when the same key and body come again, then the first 201 is replayed and nothing more is reserved or published', async () => {
    const w = world();
    const first = await placeOrder(w.deps, withKey());
    const again = await placeOrder(w.deps, withKey());
    expect(first.kind).toBe('ordered');
    expect(again).toEqual({ ...first, replayed: true });
    expect(w.reservations).toHaveLength(1);
    expect(w.orders.map.rows.size).toBe(1);
    expect(w.published).toHaveLength(1);
  });

  it('when the first answer was 409 out of stock, then it is replayed even after a restock', async () => {
    const w = world([
      { kind: 'out-of-stock', unitPrice: 1000 },
      { kind: 'reserved', unitPrice: 1000 },
    ]);
    const first = await placeOrder(w.deps, withKey());
    const again = await placeOrder(w.deps, withKey());
    expect(first.kind).toBe('out-of-stock');
    expect(again).toEqual({ ...first, replayed: true });
    expect(w.reservations).toHaveLength(1);
  });

  it('when the answer is remembered, then it is written in the same commit as the order', async () => {
    const w = world();
    await placeOrder(w.deps, withKey());
    expect(w.orders.commits[0]!.remember).toEqual({
      key: idempotencyScope('c1', 'k1'),
      record: expect.objectContaining({ state: 'answered', fingerprint: 'f1', orderId: w.reservations[0]!.orderId }),
    });
  });

  it('when the same key comes with another body, then it is refused as reused (422) and nothing is reserved', async () => {
    const w = world();
    await placeOrder(w.deps, withKey('k1', 'f1'));
    const other = await placeOrder(w.deps, withKey('k1', 'f2'));
    expect(other).toEqual({ kind: 'key-reused' });
    expect(w.reservations).toHaveLength(1);
  });

  it('when two customers use the same key, then each gets an order of their own', async () => {
    const w = world();
    const a = await placeOrder(w.deps, withKey());
    const b = await placeOrder(w.deps, { ...withKey(), customerId: 'c2' });
    expect(a.kind === 'ordered' && b.kind === 'ordered' && a.order.orderId !== b.order.orderId).toBe(true);
    expect(w.reservations).toHaveLength(2);
  });

  it('when the stock call failed (503), then the placement is Failed, nothing is remembered, and the retry is a new order', async () => {
    const w = world([
      { kind: 'unavailable', reason: 'TIMEOUT' },
      { kind: 'reserved', unitPrice: 1000 },
    ]);
    const first = await placeOrder(w.deps, withKey());
    const retry = await placeOrder(w.deps, withKey());
    expect(first.kind).toBe('stock-unavailable');
    expect(retry).toMatchObject({ kind: 'ordered', replayed: false });
    expect(w.reservations).toHaveLength(2);
    // The first placement failed: the book, asking, gives back whatever it may have taken.
    expect(await w.orders.fate(w.reservations[0]!.orderId)).toBe('Failed');
    expect(w.reservations[1]!.orderId).not.toBe(w.reservations[0]!.orderId);
  });

  it('when the stock call failed and the key comes back with another body, then that body gets an order of its own', async () => {
    const w = world([
      { kind: 'unavailable', reason: 'TIMEOUT' },
      { kind: 'reserved', unitPrice: 1000 },
    ]);
    await placeOrder(w.deps, withKey('k1', 'f1'));
    const other = await placeOrder(w.deps, { ...withKey('k1', 'f2'), bookId: 'b2' });
    expect(other.kind).toBe('ordered');
    expect(new Set(w.reservations.map((r) => r.orderId)).size).toBe(2);
  });

  it('when the book is unknown (404), then nothing is remembered: the key is given back', async () => {
    const w = world([{ kind: 'book-not-found' }]);
    await placeOrder(w.deps, withKey());
    expect(w.keys.map.read(idempotencyScope('c1', 'k1'))?.value.state).toBe('released');
  });

  it('when placing fails unexpectedly, then the key is given back and the error goes on', async () => {
    const w = world();
    w.deps.stock.reserve = async () => {
      throw new Error('boom');
    };
    await expect(placeOrder(w.deps, withKey())).rejects.toThrow('boom');
    expect(w.keys.map.read(idempotencyScope('c1', 'k1'))?.value.state).toBe('released');
  });

  it('when a duplicate arrives while the first is in flight, then it waits for the first answer and replays it', async () => {
    const w = world();
    const key = idempotencyScope('c1', 'k1');
    w.keys.map.write(key, { state: 'in-flight', fingerprint: 'f1', orderId: 'o-first', claimId: 'x', leaseUntil: w.clock.ms + 15_000 });
    const first = { orderId: 'o-first', ...input, price: 2000, status: 'Ordered' as const, orderedAt: 't' };
    let polls = 0;
    w.deps.sleep = async (ms) => {
      w.clock.ms += ms;
      if (++polls === 3) w.keys.map.write(key, { state: 'answered', fingerprint: 'f1', orderId: 'o-first', outcome: { kind: 'ordered', order: first } });
    };
    const result = await placeOrder(w.deps, withKey());
    expect(result).toEqual({ kind: 'ordered', order: first, replayed: true });
    expect(w.reservations).toEqual([]);
  });

  it('when the first request is still in flight after the longest wait, then the duplicate is told the key is in use', async () => {
    const w = world();
    w.keys.map.write(idempotencyScope('c1', 'k1'), {
      state: 'in-flight',
      fingerprint: 'f1',
      orderId: 'o-first',
      claimId: 'x',
      leaseUntil: w.clock.ms + 60_000,
    });
    expect(await placeOrder(w.deps, withKey())).toEqual({ kind: 'key-in-use' });
    expect(w.reservations).toEqual([]);
  });

  it('when the holder of the key is past its lease (crashed), then the next request takes over under its orderId', async () => {
    const w = world();
    w.keys.map.write(idempotencyScope('c1', 'k1'), { state: 'in-flight', fingerprint: 'f1', orderId: 'o-first', claimId: 'x', leaseUntil: w.clock.ms - 1 });
    const result = await placeOrder(w.deps, withKey());
    expect(result).toMatchObject({ kind: 'ordered', order: { orderId: 'o-first' } });
    expect(w.reservations.map((r) => r.orderId)).toEqual(['o-first']);
  });

  it('when the holder past its lease had placed the order after all, then the next request answers it and reserves nothing', async () => {
    const w = world();
    w.keys.map.write(idempotencyScope('c1', 'k1'), { state: 'in-flight', fingerprint: 'f1', orderId: 'o-first', claimId: 'x', leaseUntil: w.clock.ms - 1 });
    w.orders.map.write('o-first', order({ orderId: 'o-first' }));
    expect(await placeOrder(w.deps, withKey())).toMatchObject({ kind: 'ordered', order: { orderId: 'o-first' }, replayed: true });
    expect(w.reservations).toEqual([]);
  });

  it('when the record holding the key vanishes as it is read (it expired), then the request pauses and claims the key again', async () => {
    const w = world();
    const claim = w.keys.claim.bind(w.keys);
    let calls = 0;
    w.keys.claim = async (key, record) => (++calls === 1 ? { claimed: false } : claim(key, record));
    const before = w.clock.ms;
    expect(await placeOrder(w.deps, withKey())).toMatchObject({ kind: 'ordered', replayed: false });
    expect(w.clock.ms).toBeGreaterThan(before);
  });
});

describe('placing an order as a saga step', () => {
  it('when stock is being asked for, then nothing is recorded yet: the order is invisible', async () => {
    const w = world();
    let seenDuringCall: unknown = 'not asked';
    w.deps.stock.reserve = async (_bookId, orderId) => {
      seenDuringCall = await w.orders.get(orderId);
      return { kind: 'reserved', unitPrice: 1000 };
    };
    const result = await placeOrder(w.deps, { bookId: 'b1', customerId: 'c1', qty: 1 });
    expect(seenDuringCall).toBeUndefined();
    expect(result.kind === 'ordered' && (await w.orders.fate(result.order.orderId))).toBe('Ordered');
  });

  it.each<Reservation>([{ kind: 'unavailable', reason: 'TIMEOUT' }, { kind: 'book-not-found' }])(
    'when the stock answer is %p, then nothing is committed, and a book asking about the order hears Failed',
    async (answer) => {
      const w = world([answer]);
      await placeOrder(w.deps, { bookId: 'b1', customerId: 'c1', qty: 1 });
      expect(w.orders.commits).toEqual([]);
      expect(await w.orders.fate(w.reservations[0]!.orderId)).toBe('Failed');
    },
  );

  it('when a book asked about the order while its stock call was slow, then it is not placed (503) and nothing is published', async () => {
    const w = world();
    w.deps.stock.reserve = async (_bookId, orderId) => {
      expect(await w.orders.fate(orderId)).toBe('Failed');
      return { kind: 'reserved', unitPrice: 1000 };
    };
    const result = await placeOrder(w.deps, { bookId: 'b1', customerId: 'c1', qty: 1 });
    expect(result.kind).toBe('stock-unavailable');
    expect(w.orders.map.rows.size).toBe(0);
    expect(w.published).toEqual([]);
  });

  it("when the commit's answer is lost but it was written, then the order is answered as placed", async () => {
    const w = world();
    w.orders.beforeCommit = (change) => {
      w.orders.beforeCommit = undefined;
      w.orders.map.write(change.order.orderId, change.order); // the write landed; its answer did not
      throw new Error('socket hang up');
    };
    const result = await placeOrder(w.deps, { bookId: 'b1', customerId: 'c1', qty: 1 });
    expect(result).toMatchObject({ kind: 'ordered', order: { status: 'Ordered' } });
  });

  it("when the commit's answer is lost and it was not written, then the placement is failed for good before 503", async () => {
    const w = world();
    w.orders.beforeCommit = () => {
      throw new Error('socket hang up');
    };
    const result = await placeOrder(w.deps, { bookId: 'b1', customerId: 'c1', qty: 1 });
    expect(result.kind).toBe('stock-unavailable');
    const orderId = w.reservations[0]!.orderId;
    expect(w.orders.failed.has(orderId)).toBe(true);
    w.orders.beforeCommit = undefined;
    // A commit of it arriving late changes nothing.
    expect(await w.orders.commit({ order: order({ orderId }), events: [] })).toBe(false);
  });
});

describe("a caller's deadline", () => {
  it('when it has passed on arrival, then nothing is claimed, reserved or recorded', async () => {
    const w = world();
    const result = await placeOrder(w.deps, { bookId: 'b1', customerId: 'c1', qty: 1, deadlineMs: w.clock.ms, idempotency: { key: 'k', fingerprint: 'f' } });
    expect(result.kind).toBe('caller-gone');
    expect(w.reservations).toEqual([]);
    expect(w.keys.map.rows.size).toBe(0);
  });

  it('when it passes while stock is being reserved, then nothing is committed or published (503)', async () => {
    const w = world();
    w.deps.stock.reserve = async () => {
      w.clock.ms += 5_000;
      return { kind: 'reserved', unitPrice: 1000 };
    };
    const result = await placeOrder(w.deps, { bookId: 'b1', customerId: 'c1', qty: 1, deadlineMs: w.clock.ms + 3_500 });
    expect(result.kind).toBe('caller-gone');
    expect(w.orders.commits).toEqual([]);
    expect(w.published).toEqual([]);
  });

  it('when it is still ahead, then the stock call is told it', async () => {
    const w = world();
    let told: number | undefined;
    w.deps.stock.reserve = async (_b, _o, _q, deadlineMs) => {
      told = deadlineMs;
      return { kind: 'reserved', unitPrice: 1000 };
    };
    const deadlineMs = w.clock.ms + 3_500;
    expect((await placeOrder(w.deps, { bookId: 'b1', customerId: 'c1', qty: 1, deadlineMs })).kind).toBe('ordered');
    expect(told).toBe(deadlineMs);
  });
});
