import { deadLetterTopic, Subscriptions, type Logger } from '@bookstore/runtime';
import { APPS, OrderCancelled, Paid, PUBSUB, Refunded } from '@coffee/contracts';
import { hearNews } from '../../domain/hear-news';
import type { Counter, CupStore } from '../../domain/ports';

/** Paid makes the coffee; OrderCancelled and Refunded stop it or throw it away. A throw is RETRY. */
export function baristaSubscriptions(store: CupStore, counter: Counter, log: Logger): Subscriptions {
  return new Subscriptions(PUBSUB, log, { deadLetterTopic: deadLetterTopic(APPS.barista) })
    .on(Paid, async (paid, meta) => {
      await hearNews(store, counter, paid.orderId, { kind: 'paid', eventId: meta.eventId }, { menuId: paid.menuId, qty: paid.qty });
      return 'SUCCESS';
    })
    .on(OrderCancelled, async ({ orderId }, meta) => {
      await hearNews(store, counter, orderId, { kind: 'stop', eventId: meta.eventId });
      return 'SUCCESS';
    })
    .on(Refunded, async ({ orderId }, meta) => {
      await hearNews(store, counter, orderId, { kind: 'stop', eventId: meta.eventId });
      return 'SUCCESS';
    });
}
