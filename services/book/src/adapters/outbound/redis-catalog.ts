import Redis from 'ioredis';
import { PublicBook } from '../../domain/book';
import { CatalogIndex } from '../../domain/ports';

/** Every bookId, all with score 0, so the set is ordered by id: ULIDs sort by creation time. */
const IDS = 'catalog:ids';
/** bookId → the book's public row as JSON. */
const ROWS = 'catalog:rows';

/**
 * The catalog index in Redis: a sorted set for the order (ZREVRANGEBYLEX pages it newest
 * first from any cursor) and a hash of rows. Each actor writes its own row.
 */
export class RedisCatalog implements CatalogIndex {
  constructor(private readonly redis: Redis) {}

  async put(row: PublicBook): Promise<void> {
    const results = await this.redis.multi().hset(ROWS, row.bookId, JSON.stringify(row)).zadd(IDS, 0, row.bookId).exec();
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw failed?.[0] ?? new Error('catalog write was discarded');
  }

  async newestFirst(before: string | undefined, count: number): Promise<PublicBook[]> {
    const ids = await this.redis.zrevrangebylex(IDS, before === undefined ? '+' : `(${before}`, '-', 'LIMIT', 0, count);
    if (ids.length === 0) return [];
    const rows = await this.redis.hmget(ROWS, ...ids);
    return rows.filter((row): row is string => row !== null).map((row) => JSON.parse(row) as PublicBook);
  }
}
