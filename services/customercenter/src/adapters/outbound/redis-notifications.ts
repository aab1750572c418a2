import Redis from 'ioredis';
import type { Page, PageQuery } from '@bookstore/runtime';
import { Announcement, announcementSortKey, Customer, newBookNotification, Notification, notificationSortKey } from '../../domain/notifications';
import { BookAnnouncement, NotificationStore } from '../../domain/ports';
import { idOfSortKey, mergeNewestFirst, msOf, sortKeyFloor } from '../../domain/timeline';
import { keys } from './keys';
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

  async titleOf(bookId: string): Promise<string | undefined> {
    return (await this.redis.hget(keys.book(bookId), 'title')) ?? undefined;
  }

  async store(notification: Notification): Promise<void> {
    const job: OutboxJob = { kind: 'notify', notificationId: notification.notificationId, customerId: notification.customerId };
    await this.scripts.storeNotification(
      keys.notification(notification.notificationId),
      keys.notificationsOf(notification.customerId),
      keys.outbox,
      keys.outboxJob(jobId(job)),
      JSON.stringify(notification),
      notificationSortKey(notification),
      jobId(job),
      JSON.stringify(job),
      Date.now(),
    );
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
