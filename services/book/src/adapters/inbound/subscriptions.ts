import { Logger, OrderCancelled, Outcome, PUBSUB, Subscriptions } from '@bookstore/runtime';
import { BooksUnavailable } from '../../domain/errors';
import { BookActorsPort } from '../../domain/ports';
import { returnCancelledStock } from '../../domain/return-cancelled-stock';

/** OrderCancelled → the order's copies go back to its book. */
export function bookSubscriptions(log: Logger, books: BookActorsPort): Subscriptions {
  return new Subscriptions(PUBSUB, log).on(OrderCancelled, async (data, meta): Promise<Outcome> => {
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
