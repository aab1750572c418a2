import { APPS, deadLetterTopic, Logger, OrderCancelled, Ordered, Outcome, PUBSUB, Subscriptions } from '@bookstore/runtime';
import { NewsOutcome, OrderNewsDeps } from '../../domain/hear-order-news';
import { onOrderCancelled } from '../../domain/on-order-cancelled';
import { onOrdered } from '../../domain/on-ordered';

/** Lost races are retried by the broker; anything thrown is RETRY too (Subscriptions sees to it). */
const outcome = (result: NewsOutcome): Outcome => (result === 'done' ? 'SUCCESS' : 'RETRY');

export function deliverySubscriptions(log: Logger, deps: OrderNewsDeps): Subscriptions {
  return new Subscriptions(PUBSUB, log, { deadLetterTopic: deadLetterTopic(APPS.delivery) })
    .on(Ordered, async (event) => outcome(await onOrdered(deps, event.orderId, event.customerId)))
    .on(OrderCancelled, async (event) => outcome(await onOrderCancelled(deps, event.orderId, event.customerId)));
}
