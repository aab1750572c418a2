import fc from 'fast-check';
import { byOrderTime, standingOf } from '../src/domain/grade';
import { LedgerEvent, LedgerStore, LedgerSummary, OrderFact, recordMany, standingOfLedger } from '../src/domain/ledger';
import { Purchases, recordCancelled, recordOrdered } from '../src/domain/purchases';

/** What one turn cost: keys read from the store, keys written, bytes written. */
interface TurnCost {
  reads: number;
  writes: number;
  bytes: number;
}

/**
 * The ledger's keys over memory, with turns as the actor runs them: reads hit the store once
 * per key (then the turn's own view), writes are kept until the turn commits, one per key.
 */
class MemoryLedger {
  readonly stored = new Map<string, string>();

  async turn(work: (store: LedgerStore) => Promise<void>): Promise<TurnCost> {
    const seen = new Map<string, unknown>();
    const written = new Set<string>();
    const cost: TurnCost = { reads: 0, writes: 0, bytes: 0 };
    const get = async <T>(key: string): Promise<T | undefined> => {
      if (!seen.has(key)) {
        cost.reads += 1;
        const raw = this.stored.get(key);
        seen.set(key, raw === undefined ? undefined : JSON.parse(raw));
      }
      return structuredClone(seen.get(key)) as T | undefined;
    };
    const set = (key: string, value: unknown): void => {
      seen.set(key, structuredClone(value));
      written.add(key);
    };
    await work({
      fact: (orderId) => get<OrderFact>(`order:${orderId}`),
      prefetch: async (orderIds) => void (await Promise.all(orderIds.map((orderId) => get(`order:${orderId}`)))),
      putFact: (orderId, fact) => set(`order:${orderId}`, fact),
      summary: () => get<LedgerSummary>('ledger'),
      putSummary: (summary) => set('ledger', summary),
    });
    for (const key of written) {
      const raw = JSON.stringify(seen.get(key));
      this.stored.set(key, raw);
      cost.writes += 1;
      cost.bytes += key.length + raw.length;
    }
    return cost;
  }

  summary(): LedgerSummary | undefined {
    const raw = this.stored.get('ledger');
    return raw === undefined ? undefined : (JSON.parse(raw) as LedgerSummary);
  }

  fact(orderId: string): OrderFact | undefined {
    const raw = this.stored.get(`order:${orderId}`);
    return raw === undefined ? undefined : (JSON.parse(raw) as OrderFact);
  }

  /** The orders the list links, first to last. */
  linked(): string[] {
    const ids: string[] = [];
    for (let id = this.summary()?.first; id !== undefined; id = this.fact(id)!.next) ids.push(id);
    return ids;
  }
}

/** The reference: the same events applied to the whole map, the standing computed by sorting it. */
function referenceOf(events: LedgerEvent[]): Purchases {
  return events.reduce(
    (purchases, e) => (e.kind === 'ordered' ? recordOrdered(purchases, e.orderId, e.price, e.orderedAt) : recordCancelled(purchases, e.orderId, e.price)),
    {} as Purchases,
  );
}

const at = (minute: number): string => `2026-03-01T10:${String(minute).padStart(2, '0')}:00.000Z`;

// Few ids and times, so duplicates, ties, crossings and cancellations are frequent; prices near the grade floors.
const orderId = fc.constantFrom('o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7', 'o8', 'o9', 'oA', 'oB', 'o-c', 'o_d');
const price = fc.oneof(fc.constantFrom(0, 1, 199, 10_000, 49_999, 50_000, 150_000, 199_999, 300_000, 499_999, 500_000), fc.integer({ min: 0, max: 700_000 }));
const event: fc.Arbitrary<LedgerEvent> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('ordered' as const), orderId, price, orderedAt: fc.integer({ min: 0, max: 12 }).map(at) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancelled' as const), orderId, price }) },
);

describe('the ledger against the definition (standingOf over the whole map)', () => {
  it('when events arrive one per turn in any order, any number of times, then the standing is always the reference', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { maxLength: 40 }), async (events) => {
        const ledger = new MemoryLedger();
        for (let i = 0; i < events.length; i++) {
          await ledger.turn((store) => recordMany(store, [events[i]!]));
          expect(standingOfLedger(ledger.summary())).toEqual(standingOf(Object.values(referenceOf(events.slice(0, i + 1)))));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('when events arrive in batches of any size, then the standing is the reference and the list is the counted orders, sorted', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(event, { minLength: 1, maxLength: 8 }), { maxLength: 8 }), async (batches) => {
        const ledger = new MemoryLedger();
        for (const batch of batches) await ledger.turn((store) => recordMany(store, batch));
        const reference = Object.values(referenceOf(batches.flat()));
        expect(standingOfLedger(ledger.summary())).toEqual(standingOf(reference));
        const counted = reference.filter((p) => !p.cancelled && p.price > 0 && p.orderedAt !== '').sort(byOrderTime);
        expect(ledger.linked()).toEqual(counted.map((p) => p.orderId));
        expect(ledger.summary()?.orders ?? 0).toBe(counted.length);
      }),
      { numRuns: 300 },
    );
  });
});

const id = (n: number): string => `o${String(n).padStart(6, '0')}`;
const minute = (n: number): string => new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();
const ordered = (n: number, price = 20_000): LedgerEvent => ({ kind: 'ordered', orderId: id(n), price, orderedAt: minute(n) });

/** A customer with `orders` orders of 20,000 won, recorded as the actor would, in batches of 1,000. */
async function customerWith(orders: number): Promise<MemoryLedger> {
  const ledger = new MemoryLedger();
  for (let from = 0; from < orders; from += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, orders - from) }, (_, i) => ordered(from + i));
    await ledger.turn((store) => recordMany(store, batch));
  }
  return ledger;
}

describe("what an event costs, whatever the customer's history", () => {
  jest.setTimeout(60_000);

  it('when a customer with 50,000 orders orders again, then it costs what its 30th order did', async () => {
    const fresh = new MemoryLedger();
    const first = await fresh.turn((store) => recordMany(store, [ordered(0)]));
    const second = await fresh.turn((store) => recordMany(store, [ordered(1)]));
    const thirtieth = await (await customerWith(29)).turn((store) => recordMany(store, [ordered(29)]));
    const veteran = await customerWith(50_000);
    const next = await veteran.turn((store) => recordMany(store, [ordered(50_000)]));
    // The first order reads its fact and the summary and writes both; every later one also links the previous newest.
    expect(first).toMatchObject({ reads: 2, writes: 2 });
    expect(second).toMatchObject({ reads: 3, writes: 3 });
    expect(next).toEqual({ ...thirtieth, bytes: next.bytes });
    // Only the numbers' digits grow (purchased: 600,000 → 1,000,020,000 won; mileage, count).
    expect(next.bytes - thirtieth.bytes).toBeGreaterThanOrEqual(0);
    expect(next.bytes - thirtieth.bytes).toBeLessThanOrEqual(16);
    expect(standingOfLedger(veteran.summary())).toEqual({ purchased: 1_000_020_000, grade: 'VIP', mileage: expectedMileage(50_001) });
  });

  it.each([
    ['an order that arrives 5 orders late', (n: number) => [lateOrder(n - 5)], { reads: 8, writes: 4 }],
    ['a duplicate of an old order', () => [ordered(7)], { reads: 1, writes: 0 }],
    ['a cancellation in the VIP run', (n: number) => [{ kind: 'cancelled', orderId: id(n - 100), price: 20_000 }], { reads: 4, writes: 4 }],
    ['a cancellation of the first order (the climb is walked again)', () => [{ kind: 'cancelled', orderId: id(0), price: 20_000 }], { reads: 28, writes: 3 }],
  ] as Array<[string, (n: number) => LedgerEvent[], Partial<TurnCost>]>)(
    'when %s comes, then it costs the same at 1,000 orders as at 50,000',
    async (_what, events, cost) => {
      const costs = await Promise.all([1_000, 50_000].map(async (n) => (await customerWith(n)).turn((store) => recordMany(store, events(n)))));
      expect(costs[0]).toMatchObject(cost);
      expect(costs[1]).toMatchObject(cost);
    },
  );
});

/** An order placed 30 s before order `n`, heard of after the newest: it goes in just before n. */
function lateOrder(n: number): LedgerEvent {
  return { kind: 'ordered', orderId: 'late', price: 20_000, orderedAt: new Date(Date.parse(minute(n)) - 30_000).toISOString() };
}

/** What `orders` orders of 20,000 won earn: 25 climb to VIP (1 %, then 2 % from 60,000, 3 % from 200,000), then 5 %. */
function expectedMileage(orders: number): number {
  return standingOf(Array.from({ length: orders }, (_, n) => ({ orderId: id(n), price: 20_000, orderedAt: minute(n), cancelled: false }))).mileage;
}
