import Redis from 'ioredis';
import type { Page, PageQuery } from '@bookstore/runtime';
import { MyPage, MyPageFacts, myPageOf } from '../../domain/my-page';
import { MyPageStore } from '../../domain/ports';
import { keys } from './keys';
import { execAll } from './redis-exec';
import { pageOfSortedSet } from './redis-paging';

const NUMBERS = new Set(['qty', 'price']);

function factsOfHash(hash: Record<string, string>): MyPageFacts | undefined {
  if (Object.keys(hash).length === 0) return undefined;
  const facts: Record<string, string | number> = {};
  for (const [field, value] of Object.entries(hash)) facts[field] = NUMBERS.has(field) ? Number(value) : value;
  return facts as unknown as MyPageFacts;
}

/**
 * MyPage rows as Redis hashes. HSETNX per field keeps the first value of every fact, so a
 * redelivered or reordered event cannot change what is already known. Every event names the
 * order's customer, so the order is listed under them from its first event on; it shows in a
 * list once its own event (with book and quantity) has arrived. Order ids are ULIDs, so the
 * lists sort newest first by id alone.
 */
export class RedisMyPages implements MyPageStore {
  constructor(private readonly redis: Redis) {}

  async record(batch: MyPageFacts[]): Promise<void> {
    if (batch.length === 0) return;
    const tx = this.redis.multi();
    for (const facts of batch) {
      const key = keys.myPage(facts.orderId);
      for (const [field, value] of Object.entries(facts)) {
        if (value !== undefined) tx.hsetnx(key, field, String(value));
      }
      if (facts.customerId !== undefined) tx.zadd(keys.myPagesOf(facts.customerId), 0, facts.orderId);
      tx.zadd(keys.myPagesAll, 0, facts.orderId);
    }
    await execAll(tx);
  }

  async facts(orderId: string): Promise<MyPageFacts | undefined> {
    return factsOfHash(await this.redis.hgetall(keys.myPage(orderId)));
  }

  async list(customerId: string | undefined, query: PageQuery): Promise<Page<MyPage>> {
    const list = customerId === undefined ? keys.myPagesAll : keys.myPagesOf(customerId);
    return pageOfSortedSet(this.redis, list, query, async (orderIds) => {
      const tx = this.redis.pipeline();
      for (const orderId of orderIds) tx.hgetall(keys.myPage(orderId));
      return (await execAll(tx)).map((hash) => {
        const facts = factsOfHash(hash as Record<string, string>);
        return facts && myPageOf(facts);
      });
    });
  }
}
