import Redis from 'ioredis';

/**
 * Lua scripts: each runs atomically in Redis, so a read model and the delivery job it causes
 * are written together or not at all, and a redelivered event finds its work done.
 */
const SCRIPTS = {
  /**
   * Learns a customer or a book once. KEYS: row, list, seq, outbox, job.
   * ARGV: list member, job id, job json, now, then the row's field/value pairs.
   * Answers 1 when learned now, 0 when already known.
   */
  learnOnce: {
    numberOfKeys: 5,
    lua: `
      if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
      local seq = redis.call('INCR', KEYS[3])
      for i = 5, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
      redis.call('HSET', KEYS[1], 'seq', seq)
      redis.call('ZADD', KEYS[2], 0, ARGV[1])
      redis.call('HSET', KEYS[5], 'job', ARGV[3], 'attempts', 0)
      redis.call('ZADD', KEYS[4], 'NX', ARGV[4], ARGV[2])
      return 1`,
  },
  /**
   * Learns an out-of-stock order once. It waits for a restock, unless the book's latest
   * restock came after the order failed: the two events travel on different topics, so a
   * read side catching up may see the restock first, and the order is then covered by it.
   * A redelivered OutOfStocked finds the order known and cannot make a notified order
   * pending again; one covered but not yet notified is answered covered again, so the retry
   * completes the notification.
   * KEYS: order row, book's pending hash, book's list, all list, book's latest restock.
   * ARGV: orderId, bookId, customerId, qty, failed at (ms).
   * Answers {'pending'}, {'known'} or {'covered', restock event id, restock claim time}.
   */
  recordOutOfStock: {
    numberOfKeys: 5,
    lua: `
      if redis.call('EXISTS', KEYS[1]) == 1 then
        local row = redis.call('HMGET', KEYS[1], 'coveredBy', 'coveredAt', 'notificationId')
        if row[1] and not row[3] then return { 'covered', row[1], row[2] } end
        return { 'known' }
      end
      redis.call('HSET', KEYS[1], 'orderId', ARGV[1], 'bookId', ARGV[2], 'customerId', ARGV[3], 'qty', ARGV[4])
      redis.call('ZADD', KEYS[3], 0, ARGV[1])
      redis.call('ZADD', KEYS[4], 0, ARGV[1])
      local last = redis.call('HMGET', KEYS[5], 'at', 'eventId', 'claimedAt')
      if last[1] and tonumber(last[1]) > tonumber(ARGV[5]) then
        redis.call('HSET', KEYS[1], 'coveredBy', last[2], 'coveredAt', last[3])
        return { 'covered', last[2], last[3] }
      end
      redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
      return { 'pending' }`,
  },
  /**
   * Claims a book's pending out-of-stock orders for one restock event: takes them out of the
   * pending hash and records the claim under the event id; the book's latest restock (by
   * event time) is remembered, for orders whose OutOfStocked arrives after it. The same
   * event again answers its first claim and takes nothing more.
   * KEYS: pending hash, claim, book's latest restock. ARGV: now ms, ttl seconds, event time ms, event id.
   * Answers [claim time, orderId, customerId, orderId, customerId, ...].
   */
  claimRestock: {
    numberOfKeys: 3,
    lua: `
      local known = redis.call('LRANGE', KEYS[2], 0, -1)
      if #known > 0 then return known end
      local claim = { ARGV[1] }
      local pending = redis.call('HGETALL', KEYS[1])
      for i = 1, #pending do claim[#claim + 1] = pending[i] end
      redis.call('DEL', KEYS[1])
      -- one by one: unpack() of a long list overflows Lua's stack
      for i = 1, #claim do redis.call('RPUSH', KEYS[2], claim[i]) end
      redis.call('EXPIRE', KEYS[2], ARGV[2])
      local latest = tonumber(redis.call('HGET', KEYS[3], 'at') or '-1')
      if tonumber(ARGV[3]) > latest then redis.call('HSET', KEYS[3], 'at', ARGV[3], 'eventId', ARGV[4], 'claimedAt', ARGV[1]) end
      return claim`,
  },
  /**
   * Stores a notification and queues its delivery, once: a replayed restock finds the row and
   * queues nothing (the first delivery may be done and its job gone).
   * KEYS: row, customer's list, outbox, job. ARGV: json, list member, job id, job json, now.
   */
  storeNotification: {
    numberOfKeys: 4,
    lua: `
      if redis.call('SET', KEYS[1], ARGV[1], 'NX') == false then return 0 end
      redis.call('ZADD', KEYS[2], 0, ARGV[2])
      redis.call('HSET', KEYS[4], 'job', ARGV[4], 'attempts', 0)
      redis.call('ZADD', KEYS[3], 'NX', ARGV[5], ARGV[3])
      return 1`,
  },
  /**
   * Leases due outbox jobs: each job answered is pushed to `lease until`, so another relay
   * (or this one, later) takes it only if this one dies holding it. KEYS: outbox.
   * ARGV: now ms, max jobs, lease until ms.
   */
  leaseDue: {
    numberOfKeys: 1,
    lua: `
      local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
      for _, id in ipairs(due) do redis.call('ZADD', KEYS[1], 'XX', ARGV[3], id) end
      return due`,
  },
} as const;

export interface Scripts {
  learnOnce(
    row: string,
    list: string,
    seq: string,
    outbox: string,
    job: string,
    member: string,
    jobId: string,
    jobJson: string,
    now: number,
    ...fields: string[]
  ): Promise<number>;
  recordOutOfStock(
    row: string,
    pending: string,
    byBook: string,
    all: string,
    latestRestock: string,
    orderId: string,
    bookId: string,
    customerId: string,
    qty: number,
    failedAt: number,
  ): Promise<string[]>;
  claimRestock(pending: string, claim: string, latestRestock: string, now: number, ttlSeconds: number, eventAt: number, eventId: string): Promise<string[]>;
  storeNotification(
    row: string,
    list: string,
    outbox: string,
    job: string,
    json: string,
    member: string,
    jobId: string,
    jobJson: string,
    now: number,
  ): Promise<number>;
  leaseDue(outbox: string, now: number, max: number, leaseUntil: number): Promise<string[]>;
}

/** Registers the scripts on a client (EVALSHA, loading on first use; KEYS get the key prefix). */
export function scriptsOn(redis: Redis): Scripts {
  for (const [name, { numberOfKeys, lua }] of Object.entries(SCRIPTS)) redis.defineCommand(name, { numberOfKeys, lua });
  return redis as unknown as Scripts;
}
