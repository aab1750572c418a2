import { Page, StateOperation } from '@bookstore/runtime';
import { Order } from '../../domain/order';
import { OrderChange, OrderListQuery, OrderRepository, Versioned } from '../../domain/ports';
import { idempotencyStateKey, REMEMBER_FOR } from './idempotency-keys';
import { decodeCursor, pageNewestFirst } from './newest-first-pages';
import { outboxOperation } from './outbox';
import { VersionedState } from './versioned-state';

/** How an order is stored: `kind` tells orders from outbox entries and remembered answers in one table. */
type StoredOrder = Order & { kind: 'order' };

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
    const found = await this.state.get<StoredOrder>(orderId);
    return found ? { value: toOrder(found.value), version: found.version } : undefined;
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
