import Redis from 'ioredis';
import type { Page, PageQuery } from '@bookstore/runtime';
import {
  Announcement,
  announcementSortKey,
  Customer,
  newBookNotification,
  Notification,
  notificationSortKey,
  restockedMessage,
} from '../../domain/notifications';
import { BookAnnouncement, CoveringRestock, NotificationStore } from '../../domain/ports';
import { OutOfStockOrder, restock, RestockTarget } from '../../domain/restock';
import { idOfSortKey, mergeNewestFirst, msOf, sortKeyFloor } from '../../domain/timeline';
import { derivedId } from './derived-id';
import { keys, RESTOCK_CLAIM_TTL_SECONDS } from './keys';
import { jobId, OutboxJob } from './outbox-jobs';
import { below } from './redis-paging';
import { execAll } from './redis-exec';
import { Scripts } from './scripts';

export function announcementOfHash(hash: Record<string, string>): Announcement | undefined {
  if (!hash.bookId || !hash.registeredAt) return undefined;
  return { bookId: hash.bookId, title: hash.title ?? '', author: hash.author ?? '', registeredAt: hash.registeredAt };
}

/**
 * Notifications. A new book is stored once, as an announcement in one sorted set by
 * registration time; a customer's NewBook notifications are those announcements later than
 * their registration, merged at read time with the notifications stored for them alone
 * (Restocked). Storage grows with books plus restocks, never with books × customers.
 */
export class RedisNotifications implements NotificationStore {
  constructor(
    private readonly redis: Redis,
    private readonly scripts: Scripts,
  ) {}

  async announce(book: BookAnnouncement): Promise<void> {
    const job: OutboxJob = { kind: 'newBook', bookId: book.bookId };
    const id = jobId(job);
    await this.scripts.learnOnce(
      keys.book(book.bookId),
      keys.announcements,
      keys.learnedSeq,
      keys.outbox,
      keys.outboxJob(id),
      announcementSortKey(book),
      id,
      JSON.stringify(job),
      Date.now(),
      ...['bookId', book.bookId, 'title', book.title, 'author', book.author, 'registeredAt', book.registeredAt],
    );
  }

  /**
   * Two steps. The claim (one Lua script) takes the book's pending orders atomically and
   * remembers them under the event id; then each notification, its id derived from the event
   * and the customer, is stored with its delivery job (one script each) and its orders are
   * marked notified. A redelivery (say after a crash between the steps) gets the same claim
   * back and completes what is missing; what exists already is left alone and not re-sent.
   */
  async restock(bookId: string, eventId: string, restockedAt: string): Promise<Notification[]> {
    const [at, ...pairs] = await this.scripts.claimRestock(
      keys.pendingRestock(bookId),
      keys.restockClaim(eventId),
      keys.latestRestock(bookId),
      Date.now(),
      RESTOCK_CLAIM_TTL_SECONDS,
      Date.parse(restockedAt),
      eventId,
    );
    const claimed: OutOfStockOrder[] = [];
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      claimed.push({ orderId: pairs[i]!, customerId: pairs[i + 1]!, bookId, qty: 0, notified: false });
    }
    const { targets } = restock(bookId, claimed);
    const notifications: Notification[] = [];
    for (const target of targets) notifications.push(await this.notify(bookId, { eventId, claimedAt: Number(at) }, target));
    return notifications;
  }

  async notifyCovered(order: Omit<OutOfStockOrder, 'notified'>, covering: CoveringRestock): Promise<Notification> {
    return this.notify(order.bookId, covering, { customerId: order.customerId, orderIds: [order.orderId] });
  }

  /**
   * Stores one customer's Restocked notification for a restock and marks its orders
   * notified. Its id comes from the restock and the customer, so the same customer told
   * again for the same restock (a redelivery, or an order that arrived late) adds nothing.
   */
  private async notify(bookId: string, { eventId, claimedAt }: CoveringRestock, { customerId, orderIds }: RestockTarget): Promise<Notification> {
    const title = await this.redis.hget(keys.book(bookId), 'title');
    const notification: Notification = {
      notificationId: derivedId(claimedAt, `${eventId}|${customerId}`),
      customerId,
      kind: 'Restocked',
      bookId,
      message: restockedMessage(title ?? undefined),
      createdAt: new Date(claimedAt).toISOString(),
    };
    const job: OutboxJob = { kind: 'notify', notificationId: notification.notificationId, customerId };
    await this.scripts.storeNotification(
      keys.notification(notification.notificationId),
      keys.notificationsOf(customerId),
      keys.outbox,
      keys.outboxJob(jobId(job)),
      JSON.stringify(notification),
      notificationSortKey(notification),
      jobId(job),
      JSON.stringify(job),
      Date.now(),
    );
    const marks = this.redis.multi();
    for (const orderId of orderIds) marks.hset(keys.outOfStock(orderId), 'notifiedAt', notification.createdAt, 'notificationId', notification.notificationId);
    await execAll(marks);
    return notification;
  }

  async list(customer: Customer | undefined, customerId: string, query: PageQuery): Promise<Page<Notification>> {
    const wanted = query.limit + 1;
    const max = below(query.cursor);
    const stored = await this.redis.zrevrangebylex(keys.notificationsOf(customerId), max, '-', 'LIMIT', 0, wanted);
    // Announcements after the customer's registration: their keys start at the next millisecond.
    const announced = customer
      ? await this.redis.zrevrangebylex(keys.announcements, max, `[${sortKeyFloor(msOf(customer.registeredAt) + 1)}`, 'LIMIT', 0, wanted)
      : [];
    const page = mergeNewestFirst([stored, announced], query.limit);
    const fromAnnouncements = new Set(announced);

    const tx = this.redis.pipeline();
    for (const key of page.keys) {
      if (fromAnnouncements.has(key)) tx.hgetall(keys.book(idOfSortKey(key)));
      else tx.get(keys.notification(idOfSortKey(key)));
    }
    const rows = await execAll(tx);
    const items = page.keys.flatMap((key, i): Notification[] => {
      if (fromAnnouncements.has(key)) {
        const announcement = announcementOfHash(rows[i] as Record<string, string>);
        return announcement ? [newBookNotification(announcement, customerId)] : [];
      }
      return typeof rows[i] === 'string' ? [JSON.parse(rows[i] as string) as Notification] : [];
    });
    return { items, nextCursor: page.nextCursor };
  }
}
