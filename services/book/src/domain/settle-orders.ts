import { groupsByKey } from '@bookstore/runtime/schema';
import { MAX_SETTLEMENTS_PER_TURN } from '@bookstore/contracts';
import { BooksUnavailable } from './errors';
import { BookActorsPort } from './ports';

export interface OrderOfBook {
  orderId: string;
  bookId: string;
}

/** What became of one order of a batch: settled by its book, its book unknown, or to be tried again. */
export type SettleOutcome = 'settled' | 'book-not-found' | 'unavailable';

/** Confirm (Ordered: the held copies become a reservation) or release (OrderCancelled: they go back). */
export type Settlement = 'confirm' | 'release';

/**
 * A batch of order events, applied in one actor turn per book (and per
 * MAX_SETTLEMENTS_PER_TURN orders of it) instead of one per event; turns of different books
 * run side by side. Answers one outcome per order, in order. Both settlements are idempotent
 * by orderId (a redelivered event changes nothing), so "unavailable" is safe to retry.
 */
export async function settleOrders(books: BookActorsPort, settlement: Settlement, orders: OrderOfBook[]): Promise<SettleOutcome[]> {
  const outcomes: SettleOutcome[] = new Array(orders.length);
  const turns = groupsByKey(orders, (o) => o.bookId, MAX_SETTLEMENTS_PER_TURN);
  await Promise.all(
    turns.map(async ({ key: bookId, indices }) => {
      const outcome = await settleTurn(
        books,
        settlement,
        bookId,
        indices.map((i) => orders[i]!.orderId),
      );
      for (const i of indices) outcomes[i] = outcome;
    }),
  );
  return outcomes;
}

async function settleTurn(books: BookActorsPort, settlement: Settlement, bookId: string, orderIds: string[]): Promise<SettleOutcome> {
  try {
    const result = settlement === 'confirm' ? await books.confirmMany(bookId, orderIds) : await books.releaseMany(bookId, orderIds);
    return result.ok ? 'settled' : 'book-not-found';
  } catch (error) {
    if (error instanceof BooksUnavailable) return 'unavailable';
    throw error;
  }
}
