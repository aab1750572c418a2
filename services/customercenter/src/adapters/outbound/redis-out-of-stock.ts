import Redis from 'ioredis';
import type { Page, PageQuery } from '@bookstore/runtime';
import { CoveringRestock, OutOfStockStore, OutOfStockView } from '../../domain/ports';
import { OutOfStockOrder } from '../../domain/restock';
import { keys } from './keys';
import { pageOfSortedSet } from './redis-paging';
import { execAll } from './redis-exec';
import { Scripts } from './scripts';

function viewOfHash(hash: Record<string, string>): OutOfStockView | undefined {
  if (!hash.orderId || !hash.bookId || !hash.customerId) return undefined;
  return {
    orderId: hash.orderId,
    bookId: hash.bookId,
    customerId: hash.customerId,
    qty: Number(hash.qty ?? 0),
    notified: hash.notificationId !== undefined,
    ...(hash.notificationId ? { notificationId: hash.notificationId } : {}),
    ...(hash.notifiedAt ? { notifiedAt: hash.notifiedAt } : {}),
  };
}

/**
 * Out-of-stock orders: a hash each; per book, a hash of those still waiting for a restock
 * (what a restock claims) and a sorted set of all of them for the admin view.
 */
export class RedisOutOfStock implements OutOfStockStore {
  constructor(
    private readonly redis: Redis,
    private readonly scripts: Scripts,
  ) {}

  async record(order: Omit<OutOfStockOrder, 'notified'>, failedAt: string): Promise<CoveringRestock | undefined> {
    const [outcome, eventId, claimedAt] = await this.scripts.recordOutOfStock(
      keys.outOfStock(order.orderId),
      keys.pendingRestock(order.bookId),
      keys.outOfStockOf(order.bookId),
      keys.outOfStockAll,
      keys.latestRestock(order.bookId),
      order.orderId,
      order.bookId,
      order.customerId,
      order.qty,
      Date.parse(failedAt),
    );
    return outcome === 'covered' && eventId && claimedAt ? { eventId, claimedAt: Number(claimedAt) } : undefined;
  }

  async list(bookId: string | undefined, query: PageQuery): Promise<Page<OutOfStockView>> {
    const list = bookId === undefined ? keys.outOfStockAll : keys.outOfStockOf(bookId);
    return pageOfSortedSet(this.redis, list, query, async (orderIds) => {
      const tx = this.redis.pipeline();
      for (const orderId of orderIds) tx.hgetall(keys.outOfStock(orderId));
      return (await execAll(tx)).map((hash) => viewOfHash(hash as Record<string, string>));
    });
  }
}
