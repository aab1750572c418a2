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
  OutOfStockedEvent,
  PUBSUB,
  StockIncreased,
} from '@bookstore/contracts';
import { factsOf, MyPageEvent } from '../../domain/my-page';
import { CustomerStore, LiveFeed, MyPageStore, NotificationStore, OutOfStockStore } from '../../domain/ports';

export interface ReadModels {
  myPages: MyPageStore;
  customers: CustomerStore;
  notifications: NotificationStore;
  outOfStock: OutOfStockStore;
}

const isTimestamp = (value: string): boolean => !Number.isNaN(Date.parse(value));
/** When an event's occurrence happened: its CloudEvent time (publishers stamp the decision), or now. */
const occurredAt = (meta: EventMeta): string => (meta.time && isTimestamp(meta.time) ? meta.time : new Date().toISOString());

/**
 * Every handler is idempotent (facts kept first-wins, rows learned once by business key, a
 * restock claimed once per event id) and answers what became of the message: SUCCESS, RETRY
 * when Redis failed (the work is safe to redo), DROP when retrying cannot help.
 */
export function customerCenterSubscriptions(log: Logger, models: ReadModels, live: LiveFeed): Subscriptions {
  const guarded =
    <T>(work: (data: T, meta: EventMeta) => Promise<Outcome>) =>
    async (data: T, meta: EventMeta): Promise<Outcome> => {
      try {
        return await work(data, meta);
      } catch (error) {
        log.warn('could not update the read model; asking for redelivery', { topic: meta.topic, eventId: meta.eventId, error });
        return 'RETRY';
      }
    };
  /** A batch of one topic's events folded into MyPage in one write; a failure makes the broker redeliver the batch (Subscriptions answers RETRY). */
  const foldAll =
    <T>(toEvent: (data: T, at: string) => MyPageEvent) =>
    async (entries: Array<BatchEntry<T>>): Promise<Outcome[]> => {
      const events = entries.map((e) => toEvent(e.data, occurredAt(e.meta)));
      await models.myPages.record(events.map(factsOf));
      await live.publish(events.map(({ data }) => ({ kind: 'mypage', customerId: data.customerId, orderId: data.orderId })));
      return entries.map(() => 'SUCCESS');
    };
  const dropBadTime = (meta: EventMeta, registeredAt: string): Outcome => {
    log.warn('dropping an event whose registeredAt is not a timestamp', { topic: meta.topic, eventId: meta.eventId, registeredAt });
    return 'DROP';
  };

  return new Subscriptions(PUBSUB, log, { deadLetterTopic: deadLetterTopic(APPS.customercenter) })
    .onBatch(
      Ordered,
      foldAll((data, at) => ({ type: 'Ordered', data, at })),
    )
    .onBatch(OutOfStocked, async (entries) => {
      // Pending a restock first: a MyPage row without it would never be told of the restock.
      await Promise.all(
        entries.map(async ({ data, meta }) => {
          const order = { orderId: data.orderId, bookId: data.bookId, customerId: data.customerId, qty: data.qty };
          const covering = await models.outOfStock.record(order, occurredAt(meta));
          if (covering) {
            await models.notifications.notifyCovered(order, covering);
            await live.publish([{ kind: 'notification', customerId: order.customerId }]);
          }
        }),
      );
      return foldAll<OutOfStockedEvent>((data, at) => ({ type: 'OutOfStocked', data, at }))(entries);
    })
    .onBatch(
      OrderCancelled,
      foldAll((data, at) => ({ type: 'OrderCancelled', data, at })),
    )
    .onBatch(
      DeliveryStarted,
      foldAll((data, at) => ({ type: 'DeliveryStarted', data, at })),
    )
    .onBatch(
      DeliveryCancelled,
      foldAll((data, at) => ({ type: 'DeliveryCancelled', data, at })),
    )
    .on(
      CustomerRegistered,
      guarded(async (data, meta) => {
        if (!isTimestamp(data.registeredAt)) return dropBadTime(meta, data.registeredAt);
        await models.customers.register(data);
        return 'SUCCESS';
      }),
    )
    .on(
      BookRegistered,
      guarded(async (data, meta) => {
        if (!isTimestamp(data.registeredAt)) return dropBadTime(meta, data.registeredAt);
        await models.notifications.announce({ bookId: data.bookId, title: data.title, author: data.author, registeredAt: data.registeredAt });
        await live.publish([{ kind: 'notification', customerId: '*' }]);
        return 'SUCCESS';
      }),
    )
    .on(
      StockIncreased,
      guarded(async (data, meta) => {
        const sent = await models.notifications.restock(data.bookId, meta.eventId, occurredAt(meta));
        if (sent.length > 0) log.info('restock notified customers', { bookId: data.bookId, customers: sent.length });
        await live.publish(sent.map((n) => ({ kind: 'notification', customerId: n.customerId })));
        return 'SUCCESS';
      }),
    );
}
