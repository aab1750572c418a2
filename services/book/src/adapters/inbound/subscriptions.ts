import { APPS, deadLetterTopic, Logger, OrderCancelled, Ordered, Outcome, PUBSUB, Subscriptions } from '@bookstore/runtime';
import { confirmOrdered } from '../../domain/confirm-ordered';
import { BooksUnavailable } from '../../domain/errors';
import { BookActorsPort } from '../../domain/ports';
import { returnCancelledStock } from '../../domain/return-cancelled-stock';

/** Ordered → the order's held copies are confirmed; OrderCancelled → they go back to its book. */
export function bookSubscriptions(log: Logger, books: BookActorsPort): Subscriptions {
  return new Subscriptions(PUBSUB, log, { deadLetterTopic: deadLetterTopic(APPS.book) })
    .on(Ordered, async (data, meta): Promise<Outcome> => {
      try {
        if ((await confirmOrdered(books, data)) === 'book-not-found') log.warn('an order names no known book', { ...data, eventId: meta.eventId });
        return 'SUCCESS';
      } catch (error) {
        if (!(error instanceof BooksUnavailable)) log.error('confirming a reservation failed', { ...data, eventId: meta.eventId, error });
        return 'RETRY';
      }
    })
    .on(OrderCancelled, async (data, meta): Promise<Outcome> => {
    try {
      const result = await returnCancelledStock(books, data);
      if (result.kind === 'book-not-found') log.warn('a cancelled order names no known book; nothing to return', { ...data, eventId: meta.eventId });
      return 'SUCCESS';
    } catch (error) {
      // The release is idempotent by orderId, so asking for redelivery is always safe.
      if (!(error instanceof BooksUnavailable)) log.error('returning stock failed', { ...data, eventId: meta.eventId, error });
      return 'RETRY';
    }
  });
}
