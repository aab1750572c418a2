import type { Caller } from '@bookstore/contracts';
import { announceBook } from '../src/domain/announce-book';
import { findMyPage, listMyPages } from '../src/domain/find-my-pages';
import { findNotifications } from '../src/domain/find-notifications';
import { learnCustomer } from '../src/domain/learn-customer';
import { MyPageFacts } from '../src/domain/my-page';
import { Customer, Notification } from '../src/domain/notifications';
import { notifyRestock } from '../src/domain/notify-restock';
import { CustomerStore, LiveChange, LiveFeed, MyPageStore, NotificationStore, OutOfStockStore } from '../src/domain/ports';
import { recordOutOfStock } from '../src/domain/record-out-of-stock';
import { CoveringRestock, restockedNotification, RestockClaim } from '../src/domain/restock';

/**
 * The use cases' orchestration, on ports that record what they were asked: what is stored,
 * marked and shown, and what is not. The stores' own rules (a claim once per event, an order
 * learned once) are Lua, tested on real Redis in test/integration.
 */
function ports(claim: RestockClaim = { eventId: 'ev-1', claimedAt: 1_700_000_000_000, orders: [] }, covering?: CoveringRestock) {
  const stored: Notification[] = [];
  const marked: Array<{ orderIds: string[]; notificationId: string }> = [];
  const shown: LiveChange[] = [];
  const recorded: MyPageFacts[] = [];
  const customers: Customer[] = [];
  const listed: Array<string | undefined> = [];
  let titleReads = 0;
  const notifications: NotificationStore = {
    announce: async () => undefined,
    titleOf: async () => (titleReads++, 'DDD'),
    store: async (n) => void stored.push(n),
    list: async (_customer, customerId) => (listed.push(customerId), { items: [], nextCursor: null }),
  };
  const outOfStock: OutOfStockStore = {
    record: async () => covering,
    claimPending: async () => claim,
    markNotified: async (orderIds, n) => void marked.push({ orderIds, notificationId: n.notificationId }),
    list: async () => ({ items: [], nextCursor: null }),
  };
  const myPages: MyPageStore = {
    record: async (facts) => void recorded.push(...facts),
    facts: async (orderId) =>
      orderId === 'o1' ? { orderId, customerId: 'c1', bookId: 'b1', qty: 1, price: 100, ordered: '2026-01-01T00:00:00.000Z' } : undefined,
    list: async (customerId) => (listed.push(customerId), { items: [], nextCursor: null }),
  };
  const customerStore: CustomerStore = {
    register: async (c) => void customers.push(c),
    get: async () => undefined,
    list: async () => ({ items: [], nextCursor: null }),
  };
  const live: LiveFeed = { publish: async (changes) => void shown.push(...changes) };
  return {
    deps: { notifications, outOfStock, myPages, customers: customerStore, live },
    stored,
    marked,
    shown,
    recorded,
    customers,
    listed,
    titleReads: () => titleReads,
  };
}

const page = { limit: 20 };
const customer = (id: string): Caller => ({ role: 'customer', id });
const admin: Caller = { role: 'admin', id: 'admin' };

describe('notifyRestock', () => {
  it('when the claim holds orders of two customers, then each is told once, their orders are marked, and their pages shown', async () => {
    const claim = {
      eventId: 'ev-1',
      claimedAt: 1_700_000_000_000,
      orders: [
        { orderId: 'o1', customerId: 'c1' },
        { orderId: 'o2', customerId: 'c2' },
        { orderId: 'o3', customerId: 'c1' },
      ],
    };
    const p = ports(claim);
    const sent = await notifyRestock(p.deps, { bookId: 'b1', eventId: 'ev-1', at: '2026-01-01T00:00:00.000Z' });
    expect(sent.map((n) => n.customerId)).toEqual(['c1', 'c2']);
    expect(p.stored).toEqual(sent);
    expect(p.marked).toEqual([
      { orderIds: ['o1', 'o3'], notificationId: sent[0]!.notificationId },
      { orderIds: ['o2'], notificationId: sent[1]!.notificationId },
    ]);
    expect(p.shown).toEqual([
      { kind: 'notification', customerId: 'c1' },
      { kind: 'notification', customerId: 'c2' },
    ]);
    expect(p.titleReads()).toBe(1);
  });

  it('when the claim took nothing, then nothing is stored, marked, read or shown', async () => {
    const p = ports();
    expect(await notifyRestock(p.deps, { bookId: 'b1', eventId: 'ev-1', at: '2026-01-01T00:00:00.000Z' })).toEqual([]);
    expect([p.stored, p.marked, p.shown]).toEqual([[], [], []]);
    expect(p.titleReads()).toBe(0);
  });
});

describe('recordOutOfStock', () => {
  const news = { data: { orderId: 'o9', bookId: 'b1', customerId: 'c1', qty: 2 }, at: '2026-01-01T00:00:00.000Z' };

  it('when the order waits for a restock, then only its MyPage row is recorded, and shown', async () => {
    const p = ports();
    await recordOutOfStock(p.deps, [news]);
    expect(p.stored).toEqual([]);
    expect(p.recorded).toEqual([{ orderId: 'o9', customerId: 'c1', bookId: 'b1', qty: 2, outOfStocked: news.at }]);
    expect(p.shown).toEqual([{ kind: 'mypage', customerId: 'c1', orderId: 'o9' }]);
  });

  it('when a restock already covered the order, then its customer gets the very notification that restock would have made', async () => {
    const covering = { eventId: 'ev-7', claimedAt: 1_700_000_000_000 };
    const p = ports(undefined, covering);
    await recordOutOfStock(p.deps, [news]);
    expect(p.stored).toEqual([restockedNotification('b1', 'DDD', covering, 'c1')]);
    expect(p.marked).toEqual([{ orderIds: ['o9'], notificationId: p.stored[0]!.notificationId }]);
    expect(p.shown).toContainEqual({ kind: 'notification', customerId: 'c1' });
    expect(p.recorded).toHaveLength(1);
  });
});

describe('learning customers and books', () => {
  it('when a registration time is no timestamp, then nothing is stored and the event is unplaceable', async () => {
    const p = ports();
    const row = { customerId: 'c1', name: 'A', email: 'a@example.com', registeredAt: 'yesterday' };
    expect(await learnCustomer(p.deps.customers, row)).toBe('unplaceable');
    expect(p.customers).toEqual([]);
    expect(await announceBook(p.deps, { bookId: 'b1', title: 'T', author: '', registeredAt: 'soon' })).toBe('unplaceable');
    expect(p.shown).toEqual([]);
  });

  it('when a book is announced, then every open page is told', async () => {
    const p = ports();
    expect(await announceBook(p.deps, { bookId: 'b1', title: 'T', author: '', registeredAt: '2026-01-01T00:00:00.000Z' })).toBe('learned');
    expect(p.shown).toEqual([{ kind: 'notification', customerId: '*' }]);
  });
});

describe('reading the read side', () => {
  it("when a customer lists MyPage rows, then their own are read, and naming someone else's is not found", async () => {
    const p = ports();
    await listMyPages(p.deps.myPages, customer('c1'), undefined, page);
    await listMyPages(p.deps.myPages, customer('c1'), 'c1', page);
    expect(await listMyPages(p.deps.myPages, customer('c1'), 'c2', page)).toBe('not-found');
    expect(p.listed).toEqual(['c1', 'c1']);
  });

  it("when an admin lists MyPage rows, then one customer's or everyone's are read", async () => {
    const p = ports();
    await listMyPages(p.deps.myPages, admin, 'c2', page);
    await listMyPages(p.deps.myPages, admin, undefined, page);
    expect(p.listed).toEqual(['c2', undefined]);
  });

  it("when a MyPage row is someone else's, then it is as unknown to a customer as a missing one; an admin reads it", async () => {
    const p = ports();
    expect(await findMyPage(p.deps.myPages, customer('c2'), 'o1')).toBe('not-found');
    expect(await findMyPage(p.deps.myPages, customer('c1'), 'nope')).toBe('not-found');
    expect(await findMyPage(p.deps.myPages, customer('c1'), 'o1')).toMatchObject({ orderId: 'o1', status: 'Ordered' });
    expect(await findMyPage(p.deps.myPages, admin, 'o1')).toMatchObject({ orderId: 'o1' });
  });

  it('when an admin reads notifications without naming a customer, then a name is required', async () => {
    const p = ports();
    expect(await findNotifications(p.deps, admin, undefined, page)).toBe('name-required');
    expect(await findNotifications(p.deps, customer('c1'), 'c2', page)).toBe('not-found');
    await findNotifications(p.deps, admin, 'c3', page);
    await findNotifications(p.deps, customer('c1'), undefined, page);
    expect(p.listed).toEqual(['c3', 'c1']);
  });
});
