import { Page, StateOperation } from '@bookstore/runtime';
import { OrderFate } from '../../domain/fate';
import { Order } from '../../domain/order';
import { OrderChange, OrderListQuery, OrderRepository, Versioned } from '../../domain/ports';
import { Grouped } from './grouped';
import { idempotencyStateKey, REMEMBER_FOR } from './idempotency-keys';
import { decodeCursor, pageNewestFirst } from './newest-first-pages';
import { outboxOperation } from './outbox';
import { VersionedState } from './versioned-state';

/**
 * How an order is stored: `kind` tells placed orders, failed placements, outbox entries and
 * remembered answers apart in one table. A failed placement holds its order's key (the
 * orderId), so the order can never be written after it. (`Pending` records are an older
 * version's: one is failed when asked about, by compare-and-set, as its process is gone.)
 */
type StoredOrder = Order & { kind: 'order' };
type StoredPlacement = { kind: 'pending'; orderId: string; state: 'Pending' | 'Failed'; failedAt?: string };
type Stored = StoredOrder | StoredPlacement;

/** The most new orders one group commit writes (each is two or three operations). */
const MAX_COMMIT_GROUP = 50;

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
  private readonly newOrders: Grouped<StateOperation[], void>;

  constructor(
    private readonly state: VersionedState,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.newOrders = new Grouped((changes) => this.commitTogether(changes), MAX_COMMIT_GROUP);
  }

  async get(orderId: string): Promise<Versioned<Order> | undefined> {
    const found = await this.state.get<Stored>(orderId);
    return found?.value.kind === 'order' ? { value: toOrder(found.value), version: found.version } : undefined;
  }

  async fate(orderId: string): Promise<OrderFate> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const found = await this.state.get<Stored>(orderId);
      if (found?.value.kind === 'order') return found.value.status;
      if (found?.value.state === 'Failed') return 'Failed';
      const failed: StoredPlacement = { kind: 'pending', orderId, state: 'Failed', failedAt: this.now().toISOString() };
      const written = found ? await this.state.replace(orderId, failed, found.version, FORGET_FAILED) : await this.state.insert(orderId, failed, FORGET_FAILED);
      if (written) return 'Failed';
      // The order's own commit got there first: look again.
    }
    throw new Error(`could not settle the fate of ${orderId}`);
  }

  async commit(change: OrderChange): Promise<boolean> {
    const stored: StoredOrder = { ...change.order, kind: 'order' };
    const guard = change.expectedVersion === undefined ? { options: { concurrency: 'first-write' as const } } : { etag: change.expectedVersion };
    const operations: StateOperation[] = [
      { operation: 'upsert', request: { key: change.order.orderId, value: stored, ...guard } },
      ...change.events.map((event) => outboxOperation(event, this.now())),
    ];
    if (change.remember) {
      operations.push({
        operation: 'upsert',
        request: { key: idempotencyStateKey(change.remember.key), value: change.remember.record, metadata: REMEMBER_FOR },
      });
    }
    // A new order's write fails when its key is taken, like any other failure: the caller asks its fate.
    if (change.expectedVersion === undefined) return this.newOrders.call(operations).then(() => true);
    try {
      await this.state.transact(operations);
      return true;
    } catch (error) {
      // A stale ETag fails the transaction like any other error: a changed version tells them apart.
      const current = await this.state.get<StoredOrder>(change.order.orderId);
      if (current && current.version !== change.expectedVersion) return false;
      throw error;
    }
  }

  /**
   * Concurrent placements' commits as one transaction (one round trip, one PostgreSQL
   * commit); if it fails, each is tried alone, so one order whose key was taken fails only itself.
   */
  private async commitTogether(changes: StateOperation[][]): Promise<Array<PromiseSettledResult<void>>> {
    try {
      await this.state.transact(changes.flat());
      return changes.map(() => ({ status: 'fulfilled', value: undefined }));
    } catch (error) {
      if (changes.length === 1) return [{ status: 'rejected', reason: error }];
      return Promise.allSettled(changes.map((operations) => this.state.transact(operations)));
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
