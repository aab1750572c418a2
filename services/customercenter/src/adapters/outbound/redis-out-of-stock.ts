import Redis from 'ioredis';
import type { Page, PageQuery } from '@bookstore/runtime';
import { Notification } from '../../domain/notifications';
import { OutOfStockStore, OutOfStockView } from '../../domain/ports';
import { CoveringRestock, OutOfStockOrder, Restock, RestockClaim } from '../../domain/restock';
import { keys, RESTOCK_CLAIM_TTL_SECONDS } from './keys';
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

  async record(order: OutOfStockOrder, failedAt: string): Promise<CoveringRestock | undefined> {
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

  /** One Lua script: the pending orders are taken and the claim remembered together (scripts.ts, claimRestock). */
  async claimPending({ bookId, eventId, at }: Restock): Promise<RestockClaim> {
    const [claimedAt, ...pairs] = await this.scripts.claimRestock(
      keys.pendingRestock(bookId),
      keys.restockClaim(eventId),
      keys.latestRestock(bookId),
      Date.now(),
      RESTOCK_CLAIM_TTL_SECONDS,
      Date.parse(at),
      eventId,
    );
    const orders: RestockClaim['orders'] = [];
    for (let i = 0; i + 1 < pairs.length; i += 2) orders.push({ orderId: pairs[i]!, customerId: pairs[i + 1]! });
    return { eventId, claimedAt: Number(claimedAt), orders };
  }

  async markNotified(orderIds: string[], notification: Notification): Promise<void> {
    const marks = this.redis.multi();
    for (const orderId of orderIds) marks.hset(keys.outOfStock(orderId), 'notifiedAt', notification.createdAt, 'notificationId', notification.notificationId);
    await execAll(marks);
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
