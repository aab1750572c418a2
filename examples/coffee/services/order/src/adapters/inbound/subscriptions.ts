import { deadLetterTopic, Subscriptions, type Logger } from '@bookstore/runtime';
import { APPS, CoffeeServed, OrderCancelled, Paid, PUBSUB, Refunded } from '@coffee/contracts';
import type { OrderViews } from '../../domain/ports';

/** The status view, built from events in whatever order they come (facts; a throw is RETRY). */
export function viewSubscriptions(views: OrderViews, log: Logger): Subscriptions {
  return new Subscriptions(PUBSUB, log, { deadLetterTopic: deadLetterTopic(APPS.order) })
    .on(Paid, async ({ orderId }) => (await views.hear(orderId, 'paid'), 'SUCCESS'))
    .on(CoffeeServed, async ({ orderId }) => (await views.hear(orderId, 'served'), 'SUCCESS'))
    .on(OrderCancelled, async ({ orderId }) => (await views.hear(orderId, 'cancelled'), 'SUCCESS'))
    .on(Refunded, async ({ orderId }) => (await views.hear(orderId, 'refunded'), 'SUCCESS'));
}
