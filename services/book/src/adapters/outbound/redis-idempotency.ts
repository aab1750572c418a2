import { createHash } from 'node:crypto';
import Redis from 'ioredis';
import { IDEMPOTENCY_TTL_SECONDS } from '@bookstore/runtime';
import { IdempotencyRecord, IdempotencyStore } from '../../domain/idempotency';

/** Caller ids and keys may hold `:`; hashing them keeps two pairs from sharing a Redis key. */
function redisKey(scope: string, callerId: string, key: string): string {
  return `idempotency:${scope}:${createHash('sha256').update(`${callerId}\n${key}`).digest('hex')}`;
}

/** Remembered Idempotency-Keys: SET NX claims a key atomically, so two racing requests agree on one record. */
export class RedisIdempotency implements IdempotencyStore {
  constructor(private readonly redis: Redis) {}

  async claim<P, R>(scope: string, callerId: string, key: string, record: IdempotencyRecord<P, R>): Promise<IdempotencyRecord<P, R>> {
    const k = redisKey(scope, callerId, key);
    // Twice at most: the stored record may expire between the failed SET NX and the GET.
    for (let attempt = 0; attempt < 2; attempt++) {
      if ((await this.redis.set(k, JSON.stringify(record), 'EX', IDEMPOTENCY_TTL_SECONDS, 'NX')) === 'OK') return record;
      const stored = await this.redis.get(k);
      if (stored !== null) return JSON.parse(stored) as IdempotencyRecord<P, R>;
    }
    throw new Error(`could not claim idempotency key ${k}`);
  }

  async complete<P, R>(scope: string, callerId: string, key: string, record: IdempotencyRecord<P, R>): Promise<void> {
    await this.redis.set(redisKey(scope, callerId, key), JSON.stringify(record), 'EX', IDEMPOTENCY_TTL_SECONDS);
  }
}
