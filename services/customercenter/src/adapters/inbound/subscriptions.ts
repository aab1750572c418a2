import { BatchEntry, deadLetterTopic, EventMeta, Logger, Outcome, Subscriptions } from '@bookstore/runtime';
import {
  APPS,
  BookRegistered,
  CustomerRegistered,
  DeliveryCancelled,
  DeliveryStarted,
  OrderCancelled,
  Ordered,
  OutOfStocked,
  PUBSUB,
  StockIncreased,
} from '@bookstore/contracts';
import { announceBook } from '../../domain/announce-book';
import { learnCustomer, LearnOutcome } from '../../domain/learn-customer';
import { MyPageEvent } from '../../domain/my-page';
import { notifyRestock } from '../../domain/notify-restock';
import { CustomerStore, LiveFeed, MyPageStore, NotificationStore, OutOfStockStore } from '../../domain/ports';
import { recordMyPageNews } from '../../domain/record-my-page-news';
import { recordOutOfStock } from '../../domain/record-out-of-stock';
import { isTimestamp } from '../../domain/timeline';

export interface ReadModels {
  myPages: MyPageStore;
  customers: CustomerStore;
  notifications: NotificationStore;
  outOfStock: OutOfStockStore;
}

/** When an event's occurrence happened: its CloudEvent time (publishers stamp the decision), or now. */
const occurredAt = (meta: EventMeta): string => (meta.time && isTimestamp(meta.time) ? meta.time : new Date().toISOString());

const allDone = (entries: unknown[]): Outcome[] => entries.map(() => 'SUCCESS');

/**
 * Each subscription unpacks its events, calls one use case and maps its answer. Every use
 * case is idempotent (facts kept first-wins, rows learned once by business key, a restock
 * claimed once per event id), so what a failure leaves half done is safe to redo: a handler
 * that throws is answered RETRY by Subscriptions, and a batch is redelivered whole.
 */
export function customerCenterSubscriptions(log: Logger, models: ReadModels, live: LiveFeed): Subscriptions {
  const deps = { ...models, live };
  const news =
    <T>(toEvent: (data: T, at: string) => MyPageEvent) =>
    async (entries: Array<BatchEntry<T>>): Promise<Outcome[]> => {
      await recordMyPageNews(
        deps,
        entries.map((e) => toEvent(e.data, occurredAt(e.meta))),
      );
      return allDone(entries);
    };
  /** An event whose registration time is no timestamp can never be placed: retrying cannot help. */
  const learned = (outcome: LearnOutcome, meta: EventMeta, registeredAt: string): Outcome => {
    if (outcome === 'learned') return 'SUCCESS';
    log.warn('dropping an event whose registeredAt is not a timestamp', { topic: meta.topic, eventId: meta.eventId, registeredAt });
    return 'DROP';
  };

  return new Subscriptions(PUBSUB, log, { deadLetterTopic: deadLetterTopic(APPS.customercenter) })
    .onBatch(
      Ordered,
      news((data, at) => ({ type: 'Ordered', data, at })),
    )
    .onBatch(OutOfStocked, async (entries) => {
      await recordOutOfStock(
        deps,
        entries.map((e) => ({ data: e.data, at: occurredAt(e.meta) })),
      );
      return allDone(entries);
    })
    .onBatch(
      OrderCancelled,
      news((data, at) => ({ type: 'OrderCancelled', data, at })),
    )
    .onBatch(
      DeliveryStarted,
      news((data, at) => ({ type: 'DeliveryStarted', data, at })),
    )
    .onBatch(
      DeliveryCancelled,
      news((data, at) => ({ type: 'DeliveryCancelled', data, at })),
    )
    .on(CustomerRegistered, async (data, meta) => learned(await learnCustomer(models.customers, data), meta, data.registeredAt))
    .on(BookRegistered, async (data, meta) => {
      const { bookId, title, author, registeredAt } = data;
      return learned(await announceBook(deps, { bookId, title, author, registeredAt }), meta, registeredAt);
    })
    .on(StockIncreased, async (data, meta) => {
      const sent = await notifyRestock(deps, { bookId: data.bookId, eventId: meta.eventId, at: occurredAt(meta) });
      if (sent.length > 0) log.info('restock notified customers', { bookId: data.bookId, customers: sent.length });
      return 'SUCCESS';
    });
}
