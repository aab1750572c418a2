import { BatchEntry, deadLetterTopic, Logger, Outcome, Subscriptions } from '@bookstore/runtime';
import { APPS, OrderCancelled, Ordered, PUBSUB } from '@bookstore/contracts';
import { BookActorsPort } from '../../domain/ports';
import { OrderOfBook, Settlement, settleOrders, SettleOutcome } from '../../domain/settle-orders';

/** Events one bulk delivery hands over at most: one turn per book for each (MAX_SETTLEMENTS_PER_TURN). */
const BATCH = { maxMessages: 100, maxAwaitMs: 20 };

/**
 * Ordered → the orders' held copies are confirmed; OrderCancelled → they go back to their
 * books. Both arrive in batches (bulk subscribe) and are applied in one actor turn per book.
 */
export function bookSubscriptions(log: Logger, books: BookActorsPort): Subscriptions {
  const settle =
    (settlement: Settlement) =>
    async (entries: Array<BatchEntry<OrderOfBook>>): Promise<Outcome[]> => {
      const outcomes = await settleOrders(
        books,
        settlement,
        entries.map((e) => e.data),
      );
      return outcomes.map((outcome, i) => outcomeOf(log, settlement, outcome, entries[i]!));
    };
  return new Subscriptions(PUBSUB, log, { deadLetterTopic: deadLetterTopic(APPS.book) })
    .onBatch(Ordered, settle('confirm'), BATCH)
    .onBatch(OrderCancelled, settle('release'), BATCH);
}

function outcomeOf(log: Logger, settlement: Settlement, outcome: SettleOutcome, { data, meta }: BatchEntry<OrderOfBook>): Outcome {
  if (outcome === 'unavailable') return 'RETRY';
  if (outcome === 'book-not-found') {
    const what = settlement === 'confirm' ? 'an order names no known book' : 'a cancelled order names no known book; nothing to return';
    log.warn(what, { orderId: data.orderId, bookId: data.bookId, eventId: meta.eventId });
  }
  return 'SUCCESS';
}
