import Redis from 'ioredis';
import { PeriodicJob, type Logger } from '@bookstore/runtime';
import { catchUpReaches, fanOutReaches } from '../../domain/new-book-delivery';
import { Announcement, Customer, newBookNotification, Notification } from '../../domain/notifications';
import { msOf, sortKeyFloor } from '../../domain/timeline';
import { keys } from './keys';
import { OutboxJob } from './outbox-jobs';
import { customerOfHash } from './redis-customers';
import { execAll } from './redis-exec';
import { announcementOfHash } from './redis-notifications';
import { Scripts } from './scripts';

/** What the binding receives: notifications, each with its recipient's address when known. */
export interface Delivery {
  notifications: Array<Notification & { recipient?: { name: string; email: string } }>;
}

export interface RelayOptions {
  pollMs: number;
  /** How long a relay holds a job before another may take it (a relay that died holding it). */
  leaseMs: number;
  /** Recipients per binding call for a NewBook fan-out. */
  batchSize: number;
  maxBackoffMs: number;
}

const DEFAULTS: RelayOptions = { pollMs: 250, leaseMs: 30_000, batchSize: 100, maxBackoffMs: 60_000 };

type Step = { done: true } | { done: false; cursor: string };

const recipientOf = (c: Customer) => ({ name: c.name, email: c.email });

/**
 * Hands notifications to the output binding, at least once, without ever holding up the read
 * model: event handlers only queue a job (in the same atomic write as the read model) and
 * answer SUCCESS; this relay, in the background, leases due jobs, calls the binding and
 * deletes a job only once its call succeeded. A failed call is retried with exponential
 * backoff; a relay that dies mid-job loses its lease and the job runs again. So a
 * notification may reach the channel twice (its id lets the channel drop the copy), never
 * zero times. NewBook fan-outs go one batch per step, the cursor saved after each batch.
 */
export class NotificationRelay {
  private readonly options: RelayOptions;
  private readonly poller: PeriodicJob;

  constructor(
    private readonly redis: Redis,
    private readonly scripts: Scripts,
    private readonly send: (delivery: Delivery) => Promise<void>,
    private readonly log: Logger,
    options: Partial<RelayOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    // Busy (a full batch of due jobs): at once again; a store that cannot be read: 4 polls later.
    this.poller = new PeriodicJob(() => this.runOnce(), {
      name: 'notification relay',
      everyMs: this.options.pollMs,
      afterFailureMs: this.options.pollMs * 4,
      log,
    });
  }

  start(): void {
    this.poller.start();
  }

  stop(): Promise<void> {
    return this.poller.stop();
  }

  /** Runs the jobs due now; answers whether there may be more. */
  async runOnce(): Promise<boolean> {
    const now = Date.now();
    const max = 20;
    const due = await this.scripts.leaseDue(keys.outbox, now, max, now + this.options.leaseMs);
    for (const id of due) await this.run(id);
    return due.length === max;
  }

  private async run(id: string): Promise<void> {
    const row = await this.redis.hgetall(keys.outboxJob(id));
    if (!row.job) {
      await this.redis.zrem(keys.outbox, id);
      return;
    }
    const job = JSON.parse(row.job) as OutboxJob;
    try {
      const step = await this.step(job, row.cursor);
      if (step.done) {
        await execAll(this.redis.multi().zrem(keys.outbox, id).del(keys.outboxJob(id)));
      } else {
        await execAll(this.redis.multi().hset(keys.outboxJob(id), 'cursor', step.cursor, 'attempts', 0).zadd(keys.outbox, 'XX', Date.now(), id));
      }
    } catch (error) {
      const attempts = await this.redis.hincrby(keys.outboxJob(id), 'attempts', 1);
      const delay = Math.min(this.options.maxBackoffMs, 500 * 2 ** Math.min(attempts, 16));
      await this.redis.zadd(keys.outbox, 'XX', Date.now() + delay, id);
      this.log.warn('notification delivery failed; will retry', { job: id, attempts, retryInMs: delay, error });
    }
  }

  private step(job: OutboxJob, cursor: string | undefined): Promise<Step> {
    switch (job.kind) {
      case 'notify':
        return this.notify(job.notificationId, job.customerId);
      case 'newBook':
        return this.fanOut(job.bookId, cursor);
      case 'catchUp':
        return this.catchUp(job.customerId, cursor);
    }
  }

  private async notify(notificationId: string, customerId: string): Promise<Step> {
    const [stored, customer] = await Promise.all([this.redis.get(keys.notification(notificationId)), this.redis.hgetall(keys.customer(customerId))]);
    if (!stored) return { done: true };
    const known = customerOfHash(customer);
    await this.send({ notifications: [{ ...(JSON.parse(stored) as Notification), ...(known ? { recipient: recipientOf(known) } : {}) }] });
    return { done: true };
  }

  /** One batch of a new book's fan-out: customers registered before it and learned before it. */
  private async fanOut(bookId: string, cursor: string | undefined): Promise<Step> {
    const book = await this.redis.hgetall(keys.book(bookId));
    const announcement = announcementOfHash(book);
    if (!announcement) return { done: true };
    const members = await this.redis.zrangebylex(
      keys.customers,
      cursor ? `(${cursor}` : '-',
      `(${sortKeyFloor(msOf(announcement.registeredAt))}`,
      'LIMIT',
      0,
      this.options.batchSize,
    );
    const customers = await this.rows(members, (id) => keys.customer(id));
    const bookLearned = { registeredAt: announcement.registeredAt, seq: Number(book.seq) };
    const reached = customers.flatMap(({ row }) => {
      const customer = customerOfHash(row);
      return customer && fanOutReaches({ registeredAt: customer.registeredAt, seq: Number(row.seq) }, bookLearned) ? [customer] : [];
    });
    await this.deliverNewBooks(reached.map((customer) => ({ announcement, customer })));
    return members.length < this.options.batchSize ? { done: true } : { done: false, cursor: members[members.length - 1]! };
  }

  /** One batch of a late-learned customer's catch-up: announcements after their registration, learned before them. */
  private async catchUp(customerId: string, cursor: string | undefined): Promise<Step> {
    const row = await this.redis.hgetall(keys.customer(customerId));
    const customer = customerOfHash(row);
    if (!customer) return { done: true };
    const members = await this.redis.zrangebylex(
      keys.announcements,
      cursor ? `(${cursor}` : `[${sortKeyFloor(msOf(customer.registeredAt) + 1)}`,
      '+',
      'LIMIT',
      0,
      this.options.batchSize,
    );
    const books = await this.rows(members, (id) => keys.book(id));
    const customerLearned = { registeredAt: customer.registeredAt, seq: Number(row.seq) };
    const reached = books.flatMap(({ row: book }) => {
      const announcement = announcementOfHash(book);
      return announcement && catchUpReaches(customerLearned, { registeredAt: announcement.registeredAt, seq: Number(book.seq) })
        ? [{ announcement, customer }]
        : [];
    });
    await this.deliverNewBooks(reached);
    return members.length < this.options.batchSize ? { done: true } : { done: false, cursor: members[members.length - 1]! };
  }

  private async rows(members: string[], keyOf: (id: string) => string): Promise<Array<{ row: Record<string, string> }>> {
    if (members.length === 0) return [];
    const tx = this.redis.pipeline();
    for (const member of members) tx.hgetall(keyOf(member.slice(member.indexOf('|') + 1)));
    return (await execAll(tx)).map((row) => ({ row: row as Record<string, string> }));
  }

  private async deliverNewBooks(pairs: Array<{ announcement: Announcement; customer: Customer }>): Promise<void> {
    if (pairs.length === 0) return;
    await this.send({
      notifications: pairs.map(({ announcement, customer }) => ({
        ...newBookNotification(announcement, customer.customerId),
        recipient: recipientOf(customer),
      })),
    });
  }
}
