import { failStalePlacements } from '../src/domain/fail-stale-placements';
import { idempotencyScope, placeOrder } from '../src/domain/place-order';
import { Reservation } from '../src/domain/ports';
import { world } from './fakes';

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
    const w = world([{ kind: 'out-of-stock', unitPrice: 1000 }, { kind: 'reserved', unitPrice: 1000 }]);
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
    const w = world([{ kind: 'unavailable', reason: 'TIMEOUT' }, { kind: 'reserved', unitPrice: 1000 }]);
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
    const w = world([{ kind: 'unavailable', reason: 'TIMEOUT' }, { kind: 'reserved', unitPrice: 1000 }]);
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
    w.keys.map.write(idempotencyScope('c1', 'k1'), { state: 'in-flight', fingerprint: 'f1', orderId: 'o-first', claimId: 'x', leaseUntil: w.clock.ms + 60_000 });
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
  it('when stock is being asked for, then the order is recorded as Pending, invisible', async () => {
    const w = world();
    let fateDuringCall: string | undefined;
    w.deps.stock.reserve = async (_bookId, orderId) => {
      fateDuringCall = await w.orders.fate(orderId);
      expect(await w.orders.get(orderId)).toBeUndefined();
      return { kind: 'reserved', unitPrice: 1000 };
    };
    const result = await placeOrder(w.deps, { bookId: 'b1', customerId: 'c1', qty: 1 });
    expect(fateDuringCall).toBe('Pending');
    expect(result.kind === 'ordered' && (await w.orders.fate(result.order.orderId))).toBe('Ordered');
  });

  it.each<Reservation>([{ kind: 'unavailable', reason: 'TIMEOUT' }, { kind: 'book-not-found' }])(
    'when the stock answer is %p, then the placement is marked Failed',
    async (answer) => {
      const w = world([answer]);
      await placeOrder(w.deps, { bookId: 'b1', customerId: 'c1', qty: 1 });
      expect(await w.orders.fate(w.reservations[0]!.orderId)).toBe('Failed');
    },
  );

  it('when the sweep failed the placement while its stock call was slow, then the order is not placed (503)', async () => {
    const w = world();
    w.deps.stock.reserve = async (_bookId, orderId) => {
      const [pending] = await w.orders.pending();
      await w.orders.fail(orderId, pending!.version);
      return { kind: 'reserved', unitPrice: 1000 };
    };
    const result = await placeOrder(w.deps, { bookId: 'b1', customerId: 'c1', qty: 1 });
    expect(result.kind).toBe('stock-unavailable');
    expect(w.orders.map.rows.size).toBe(0);
    expect(w.published).toEqual([]);
  });
});

describe('recovering placements whose process died', () => {
  it('when a placement is older than its time, then it is failed; a younger one is left to finish', async () => {
    const w = world();
    await w.orders.begin({ orderId: 'old', bookId: 'b1', customerId: 'c1', qty: 1, startedAt: '2026-01-01T00:00:00.000Z', state: 'Pending' });
    await w.orders.begin({ orderId: 'new', bookId: 'b1', customerId: 'c1', qty: 1, startedAt: '2026-01-01T00:00:09.000Z', state: 'Pending' });
    const failed = await failStalePlacements(w.orders, Date.parse('2026-01-01T00:00:10.000Z'), 10_000);
    expect(failed).toBe(1);
    expect(await w.orders.fate('old')).toBe('Failed');
    expect(await w.orders.fate('new')).toBe('Pending');
    expect(await w.orders.fate('never')).toBe('Unknown');
  });
});
