import { OrderDomainEvent } from '../src/domain/events';
import { KeyRecord } from '../src/domain/idempotency';
import { Order } from '../src/domain/order';
import { PlaceOrderDeps } from '../src/domain/place-order';
import { OrderFate } from '../src/domain/fate';
import { ClaimResult, IdempotencyKeys, OrderChange, OrderRepository, Reservation, Versioned } from '../src/domain/ports';

/** In-memory versioned map: each write bumps the version, like an ETag. */
class VersionedMap<T> {
  readonly rows = new Map<string, Versioned<T>>();
  private next = 1;

  constructor(private readonly prefix = '') {}

  read(key: string): Versioned<T> | undefined {
    return this.rows.get(key);
  }

  write(key: string, value: T): void {
    this.rows.set(key, { value, version: `${this.prefix}${this.next++}` });
  }
}

export class FakeOrders implements OrderRepository {
  /** Placed orders. */
  readonly map = new VersionedMap<Order>();
  /** Placements failed for good (a book asked about them before they had a record). */
  readonly failed = new Set<string>();
  readonly commits: OrderChange[] = [];
  /** Set to make the next commits meet something first: a race, or a lost answer (throw). */
  beforeCommit: ((change: OrderChange) => void) | undefined;

  /** Remembered answers land in `keys`, in the same commit, as the real store's transaction does. */
  constructor(private readonly keys?: FakeKeys) {}

  async get(orderId: string) {
    return this.map.read(orderId);
  }

  async fate(orderId: string): Promise<OrderFate> {
    const placed = this.map.read(orderId)?.value.status;
    if (placed) return placed;
    this.failed.add(orderId);
    return 'Failed';
  }

  async commit(change: OrderChange) {
    this.beforeCommit?.(change);
    const { orderId } = change.order;
    const current = this.map.read(orderId);
    if (change.expectedVersion === undefined ? current !== undefined || this.failed.has(orderId) : current?.version !== change.expectedVersion) return false;
    this.commits.push(change);
    this.map.write(orderId, change.order);
    if (change.remember) this.keys?.map.write(change.remember.key, change.remember.record);
    return true;
  }

  async list() {
    return { items: [...this.map.rows.values()].map((r) => r.value), nextCursor: null };
  }
}

export class FakeKeys implements IdempotencyKeys {
  readonly map = new VersionedMap<KeyRecord>();

  async claim(key: string, record: KeyRecord): Promise<ClaimResult> {
    const existing = this.map.read(key);
    if (existing) return { claimed: false, existing };
    this.map.write(key, record);
    return { claimed: true };
  }

  async replace(key: string, record: KeyRecord, version: string) {
    if (this.map.read(key)?.version !== version) return false;
    this.map.write(key, record);
    return true;
  }

  async put(key: string, record: KeyRecord) {
    this.map.write(key, record);
  }
}

export interface World {
  deps: PlaceOrderDeps;
  orders: FakeOrders;
  keys: FakeKeys;
  reservations: Array<{ bookId: string; orderId: string; qty: number }>;
  published: OrderDomainEvent[];
  /** What the stock holder answers next (a queue; the last answer repeats). */
  answers: Reservation[];
  clock: { ms: number };
}

/** The order service's ports in memory, with a clock that sleeping moves forward. */
export function world(answers: Reservation[] = [{ kind: 'reserved', unitPrice: 1000 }]): World {
  const keys = new FakeKeys();
  const orders = new FakeOrders(keys);
  const reservations: World['reservations'] = [];
  const published: OrderDomainEvent[] = [];
  const clock = { ms: Date.parse('2026-01-01T00:00:00Z') };
  let ids = 0;
  const w: World = {
    orders,
    keys,
    reservations,
    published,
    answers,
    clock,
    deps: {
      stock: {
        reserve: async (bookId, orderId, qty) => {
          reservations.push({ bookId, orderId, qty });
          return w.answers.length > 1 ? w.answers.shift()! : w.answers[0]!;
        },
      },
      orders,
      keys,
      events: { dispatch: async (events) => void published.push(...events) },
      claimPolicy: { leaseMs: 15_000, pollMs: 100, maxWaitMs: 5_000 },
      newId: () => `id${String(++ids).padStart(4, '0')}`,
      now: () => new Date(clock.ms),
      nowMs: () => clock.ms,
      sleep: async (ms) => {
        clock.ms += ms;
      },
    },
  };
  return w;
}

export function order(fields: Partial<Order> = {}): Order {
  return { orderId: 'o1', bookId: 'b1', customerId: 'c1', qty: 2, price: 2000, status: 'Ordered', orderedAt: '2026-01-01T00:00:00.000Z', ...fields };
}
