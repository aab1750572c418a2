import { Page, StateOperation } from '@bookstore/runtime';
import { Order } from '../../domain/order';
import { OrderFate, PendingOrder } from '../../domain/pending';
import { Begin, OrderChange, OrderListQuery, OrderRepository, Versioned } from '../../domain/ports';
import { idempotencyStateKey, REMEMBER_FOR } from './idempotency-keys';
import { decodeCursor, pageNewestFirst } from './newest-first-pages';
import { outboxOperation } from './outbox';
import { VersionedState } from './versioned-state';

/**
 * How an order is stored: `kind` tells placed orders, placements (pending or failed), outbox
 * entries and remembered answers apart in one table. A placement and its order share the key
 * (the orderId): placing it replaces the one with the other.
 */
type StoredOrder = Order & { kind: 'order' };
type StoredPlacement = PendingOrder & { kind: 'pending' };
type Stored = StoredOrder | StoredPlacement;

/** Failed placements are kept a day, for books still asking; after that they read as Unknown, which releases too. */
const FORGET_FAILED = { ttlInSeconds: String(24 * 3600) };

function toOrder({ kind: _kind, ...order }: StoredOrder): Order {
  return order;
}

/**
 * Orders in PostgreSQL through the Dapr state component `orderstore`, keyed by orderId.
 * A change to an order, its pending events (the outbox) and its remembered answer are one
 * state transaction; lists use the state query API.
 */
export class DaprOrderStore implements OrderRepository {
  constructor(
    private readonly state: VersionedState,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(orderId: string): Promise<Versioned<Order> | undefined> {
    const found = await this.state.get<Stored>(orderId);
    return found?.value.kind === 'order' ? { value: toOrder(found.value), version: found.version } : undefined;
  }

  async begin(pending: PendingOrder): Promise<Begin> {
    const stored: StoredPlacement = { ...pending, kind: 'pending' };
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = await this.state.get<Stored>(pending.orderId);
      if (current?.value.kind === 'order') return { kind: 'placed', order: toOrder(current.value) };
      const written = current ? await this.state.replace(pending.orderId, stored, current.version) : await this.state.insert(pending.orderId, stored);
      if (!written) continue; // another request with this orderId (a taken-over key) wrote first: look again
      const mine = await this.state.get<Stored>(pending.orderId);
      if (mine) return { kind: 'begun', version: mine.version };
    }
    throw new Error(`could not record the placement of ${pending.orderId}`);
  }

  async fail(orderId: string, version: string): Promise<boolean> {
    const current = await this.state.get<Stored>(orderId);
    if (!current || current.version !== version || current.value.kind !== 'pending') return false;
    return this.state.replace(orderId, { ...current.value, state: 'Failed' }, version, FORGET_FAILED);
  }

  async pending(): Promise<Array<Versioned<PendingOrder>>> {
    // Placements are few (the ones under way), so they are read whole, with their versions.
    const placements = await this.state.query<StoredPlacement>({
      filter: { AND: [{ EQ: { kind: 'pending' } }, { EQ: { state: 'Pending' } }] },
      page: { limit: 1000 },
    });
    const found = await Promise.all(placements.map((p) => this.state.get<Stored>(p.orderId)));
    return found.flatMap((f) => (f && f.value.kind === 'pending' ? [{ value: f.value, version: f.version }] : []));
  }

  async fate(orderId: string): Promise<OrderFate> {
    const found = await this.state.get<Stored>(orderId);
    if (!found) return 'Unknown';
    return found.value.kind === 'order' ? found.value.status : found.value.state;
  }

  async commit(change: OrderChange): Promise<boolean> {
    const stored: StoredOrder = { ...change.order, kind: 'order' };
    const operations: StateOperation[] = [
      { operation: 'upsert', request: { key: change.order.orderId, value: stored, ...(change.expectedVersion ? { etag: change.expectedVersion } : {}) } },
      ...change.events.map((event) => outboxOperation(event, this.now())),
    ];
    if (change.remember) {
      operations.push({ operation: 'upsert', request: { key: idempotencyStateKey(change.remember.key), value: change.remember.record, metadata: REMEMBER_FOR } });
    }
    try {
      await this.state.transact(operations);
      return true;
    } catch (error) {
      // A stale ETag fails the transaction like any other error: a changed version tells them apart.
      if (change.expectedVersion === undefined) throw error;
      const current = await this.state.get<StoredOrder>(change.order.orderId);
      if (current && current.version !== change.expectedVersion) return false;
      throw error;
    }
  }

  async list(query: OrderListQuery): Promise<Page<Order> | 'bad-cursor'> {
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (query.cursor !== undefined && !cursor) return 'bad-cursor';
    const isOrder = { EQ: { kind: 'order' } };
    const filter = query.customerId === undefined ? isOrder : { AND: [isOrder, { EQ: { customerId: query.customerId } }] };
    const page = await pageNewestFirst<StoredOrder>(
      (offset, count) =>
        this.state.query<StoredOrder>({
          filter,
          sort: [{ key: 'orderId', order: 'DESC' }],
          page: { limit: count, ...(offset > 0 ? { token: String(offset) } : {}) },
        }),
      (order) => order.orderId,
      query.limit,
      cursor,
    );
    return { items: page.items.map(toOrder), nextCursor: page.nextCursor };
  }
}
