import { BatchEntry, deadLetterTopic, Logger, Outcome, Subscriptions } from '@bookstore/runtime';
import { APPS, OrderCancelled, Ordered, PUBSUB } from '@bookstore/contracts';
import { NewsOutcome, OrderNewsDeps } from '../../domain/hear-order-news';
import { hearOrderNewsInBulk } from '../../domain/hear-order-news-in-bulk';
import { OrderNews } from '../../domain/delivery';

/** Lost races are retried by the broker; anything thrown is RETRY too (Subscriptions sees to it). */
const outcome = (result: NewsOutcome): Outcome => (result === 'done' ? 'SUCCESS' : 'RETRY');

/** Both topics arrive in batches (bulk subscribe): a batch is read, written and announced in one call each. */
export function deliverySubscriptions(log: Logger, deps: OrderNewsDeps): Subscriptions {
  const hear =
    (news: OrderNews) =>
    async (entries: Array<BatchEntry<{ orderId: string; customerId: string }>>): Promise<Outcome[]> =>
      (
        await hearOrderNewsInBulk(
          deps,
          news,
          entries.map((e) => e.data),
        )
      ).map(outcome);
  return new Subscriptions(PUBSUB, log, { deadLetterTopic: deadLetterTopic(APPS.delivery) })
    .onBatch(Ordered, hear('Ordered'))
    .onBatch(OrderCancelled, hear('OrderCancelled'));
}
