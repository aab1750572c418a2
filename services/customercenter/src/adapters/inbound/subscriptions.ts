import { APPS, BookRegistered, CustomerRegistered, deadLetterTopic, DeliveryCancelled, DeliveryStarted, EventMeta, Logger, OrderCancelled, Ordered, Outcome, OutOfStocked, PUBSUB, StockIncreased, Subscriptions } from '@bookstore/runtime';
import { factsOf, MyPageEvent } from '../../domain/my-page';
import { CustomerStore, MyPageStore, NotificationStore, OutOfStockStore } from '../../domain/ports';

export interface ReadModels {
  myPages: MyPageStore;
  customers: CustomerStore;
  notifications: NotificationStore;
  outOfStock: OutOfStockStore;
}

const when = (meta: EventMeta): string => meta.time ?? new Date().toISOString();
const isTimestamp = (value: string): boolean => !Number.isNaN(Date.parse(value));

/**
 * Every handler is idempotent (facts kept first-wins, rows learned once by business key, a
 * restock claimed once per event id) and answers what became of the message: SUCCESS, RETRY
 * when Redis failed (the work is safe to redo), DROP when retrying cannot help.
 */
export function customerCenterSubscriptions(log: Logger, models: ReadModels): Subscriptions {
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
  const fold = async (event: MyPageEvent): Promise<Outcome> => {
    await models.myPages.record(factsOf(event));
    return 'SUCCESS';
  };
  const dropBadTime = (meta: EventMeta, registeredAt: string): Outcome => {
    log.warn('dropping an event whose registeredAt is not a timestamp', { topic: meta.topic, eventId: meta.eventId, registeredAt });
    return 'DROP';
  };

  return new Subscriptions(PUBSUB, log, { deadLetterTopic: deadLetterTopic(APPS.customercenter) })
    .on(Ordered, guarded((data, meta) => fold({ type: 'Ordered', data, at: when(meta) })))
    .on(
      OutOfStocked,
      guarded(async (data, meta) => {
        await models.outOfStock.record({ orderId: data.orderId, bookId: data.bookId, customerId: data.customerId, qty: data.qty });
        return fold({ type: 'OutOfStocked', data, at: when(meta) });
      }),
    )
    .on(OrderCancelled, guarded((data, meta) => fold({ type: 'OrderCancelled', data, at: when(meta) })))
    .on(DeliveryStarted, guarded((data, meta) => fold({ type: 'DeliveryStarted', data, at: when(meta) })))
    .on(DeliveryCancelled, guarded((data, meta) => fold({ type: 'DeliveryCancelled', data, at: when(meta) })))
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
        return 'SUCCESS';
      }),
    )
    .on(
      StockIncreased,
      guarded(async (data, meta) => {
        const sent = await models.notifications.restock(data.bookId, meta.eventId);
        if (sent.length > 0) log.info('restock notified customers', { bookId: data.bookId, customers: sent.length });
        return 'SUCCESS';
      }),
    );
}
