import Redis from 'ioredis';
import { MyPageFacts } from '../../domain/my-page';
import { MyPageStore } from '../../domain/ports';

const NUMBERS = new Set(['qty', 'price']);
const rowKey = (orderId: string): string => `mypage:${orderId}`;

/**
 * MyPage rows as Redis hashes. HSETNX per field keeps the first value of every fact, so a
 * redelivered or reordered event cannot change what is already known.
 */
export class RedisMyPages implements MyPageStore {
  constructor(private readonly redis: Redis) {}

  async record(facts: MyPageFacts): Promise<void> {
    const key = rowKey(facts.orderId);
    const pipeline = this.redis.multi();
    for (const [field, value] of Object.entries(facts)) {
      if (value !== undefined) pipeline.hsetnx(key, field, String(value));
    }
    await pipeline.exec();
  }

  async facts(orderId: string): Promise<MyPageFacts | undefined> {
    const hash = await this.redis.hgetall(rowKey(orderId));
    if (Object.keys(hash).length === 0) return undefined;
    const facts: Record<string, string | number> = {};
    for (const [field, value] of Object.entries(hash)) facts[field] = NUMBERS.has(field) ? Number(value) : value;
    return facts as unknown as MyPageFacts;
  }
}
