import Redis from 'ioredis';
import { newId } from '@bookstore/runtime';
import { portPlan, readCredentials } from '../../../../tools/stack/src';
import { notifyRestock } from '../../src/domain/notify-restock';
import { LiveChange } from '../../src/domain/ports';
import { recordOutOfStock } from '../../src/domain/record-out-of-stock';
import { keys } from '../../src/adapters/outbound/keys';
import { RedisCustomers } from '../../src/adapters/outbound/redis-customers';
import { RedisMyPages } from '../../src/adapters/outbound/redis-my-pages';
import { RedisNotifications } from '../../src/adapters/outbound/redis-notifications';
import { RedisOutOfStock } from '../../src/adapters/outbound/redis-out-of-stock';
import { scriptsOn } from '../../src/adapters/outbound/scripts';

/**
 * The read side's Lua scripts are its storage primitives: each runs atomically, so a
 * redelivered event finds its work done. Tested here on the stack's real Redis, through the
 * adapters and use cases that call them, under a key prefix of this run's own.
 */
describe("customercenter's stores on real Redis", () => {
  const redis = new Redis({ port: portPlan().plan.redis, password: readCredentials().redisPassword, keyPrefix: `cc-test-${newId()}:`, lazyConnect: true });
  const scripts = scriptsOn(redis);
  const shown: LiveChange[] = [];
  const deps = {
    outOfStock: new RedisOutOfStock(redis, scripts),
    notifications: new RedisNotifications(redis, scripts),
    myPages: new RedisMyPages(redis),
    live: { publish: async (changes: LiveChange[]) => void shown.push(...changes) },
  };
  const customers = new RedisCustomers(redis, scripts);
  const t = (minute: number): string => new Date(Date.UTC(2026, 0, 1, 10, minute)).toISOString();
  const failed = (orderId: string, customerId: string, bookId: string, at: string) => ({ data: { orderId, bookId, customerId, qty: 1 }, at });
  const restock = (bookId: string, eventId: string, at: string) => notifyRestock(deps, { bookId, eventId, at });
  const notificationsOf = async (customerId: string) => (await deps.notifications.list(undefined, customerId, { limit: 50 })).items;
  const outboxJobs = async () => redis.zrange(keys.outbox, 0, -1);

  beforeAll(async () => {
    await redis.connect();
    await deps.notifications.announce({ bookId: 'b1', title: 'DDD', author: 'Evans', registeredAt: t(0) });
  });
  afterAll(async () => {
    const own = await redis.keys('*'); // the client prefixes the pattern; the answer is full names
    if (own.length > 0) {
      const plain = new Redis({ port: portPlan().plan.redis, password: readCredentials().redisPassword });
      await plain.pipeline(own.map((k) => ['del', k])).exec();
      await plain.quit();
    }
    await redis.quit();
  });

  it('when a restock is delivered twice, then each waiting customer is told once, with the same notification both times', async () => {
    await recordOutOfStock(deps, [failed('o1', 'c1', 'b1', t(1)), failed('o2', 'c1', 'b1', t(2)), failed('o3', 'c2', 'b1', t(2))]);
    const first = await restock('b1', 'ev-1', t(5));
    const again = await restock('b1', 'ev-1', t(5));
    expect(first.map((n) => n.customerId)).toEqual(['c1', 'c2']);
    expect(again).toEqual(first);
    expect(await notificationsOf('c1')).toEqual([first[0]]);
    expect(first[0]!.message).toBe('"DDD" is back in stock');
    expect((await outboxJobs()).filter((job) => job.startsWith('notify:'))).toHaveLength(2);
    const orders = (await deps.outOfStock.list('b1', { limit: 10 })).items;
    expect(orders.map((o) => [o.orderId, o.notified, o.notificationId])).toEqual(
      expect.arrayContaining([
        ['o1', true, first[0]!.notificationId],
        ['o2', true, first[0]!.notificationId],
        ['o3', true, first[1]!.notificationId],
      ]),
    );
  });

  it('when the book is restocked again, then nobody already told is told again', async () => {
    expect(await restock('b1', 'ev-2', t(6))).toEqual([]);
  });

  it('when OutOfStocked of a notified order is delivered again, then the order stays notified and is not pending again', async () => {
    await recordOutOfStock(deps, [failed('o1', 'c1', 'b1', t(1))]);
    expect(await restock('b1', 'ev-3', t(7))).toEqual([]);
  });

  it("when an order failed before the book's latest restock but is heard of after it, then it is covered: its customer is told now, by that restock's notification", async () => {
    await restock('b2', 'ev-b2', t(20));
    await recordOutOfStock(deps, [failed('o4', 'c3', 'b2', t(15))]);
    const told = await notificationsOf('c3');
    expect(told).toHaveLength(1);
    // The same customer waiting on the same restock: the same id a claim would have given.
    await recordOutOfStock(deps, [failed('o5', 'c3', 'b2', t(16))]);
    expect((await notificationsOf('c3')).map((n) => n.notificationId)).toEqual([told[0]!.notificationId]);
    // A redelivery of the covered order changes nothing.
    await recordOutOfStock(deps, [failed('o4', 'c3', 'b2', t(15))]);
    expect(await notificationsOf('c3')).toHaveLength(1);
  });

  it('when an order failed after the latest restock, then it waits for the next one, and orders of other books are left alone', async () => {
    await recordOutOfStock(deps, [failed('o6', 'c4', 'b2', t(25)), failed('o7', 'c5', 'b3', t(25))]);
    expect(await notificationsOf('c4')).toEqual([]);
    expect((await restock('b2', 'ev-b2-2', t(30))).map((n) => n.customerId)).toEqual(['c4']);
    expect(await notificationsOf('c5')).toEqual([]);
    expect((await deps.outOfStock.list('b3', { limit: 10 })).items).toEqual([{ orderId: 'o7', bookId: 'b3', customerId: 'c5', qty: 1, notified: false }]);
  });

  it('when a customer is registered twice, then they are learned once, with one catch-up job', async () => {
    const customer = { customerId: 'c9', name: 'Kim', email: 'kim@example.com', registeredAt: t(40) };
    await customers.register(customer);
    const seq = await redis.get(keys.learnedSeq);
    await customers.register({ ...customer, name: 'Someone else' });
    expect(await customers.get('c9')).toEqual(customer);
    expect(await redis.get(keys.learnedSeq)).toBe(seq);
    expect((await outboxJobs()).filter((job) => job === 'catchUp:c9')).toHaveLength(1);
  });

  it('when due jobs are leased, then each is pushed to the lease, and a second lease before it ends takes none of them', async () => {
    const now = Date.now() + 1_000;
    const leased = await scripts.leaseDue(keys.outbox, now, 100, now + 60_000);
    expect(leased.length).toBeGreaterThan(0);
    expect(await scripts.leaseDue(keys.outbox, now, 100, now + 60_000)).toEqual([]);
    expect(Number(await redis.zscore(keys.outbox, leased[0]!))).toBe(now + 60_000);
  });
});
