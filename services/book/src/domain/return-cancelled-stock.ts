import { BookActorsPort } from './ports';

export interface CancelledOrder {
  orderId: string;
  bookId: string;
}

export type ReturnStockResult = { kind: 'returned'; copies: number } | { kind: 'nothing-to-return' } | { kind: 'book-not-found' };

/**
 * A cancelled order's copies go back to its book. The actor releases by orderId, once,
 * however often OrderCancelled is delivered; it takes the quantity from its own reservation,
 * not from the event, so it returns exactly what it took. If the cancellation arrives before
 * the reservation did (a reservation the order service gave up on), the release is
 * remembered and the late reservation takes nothing.
 */
export async function returnCancelledStock(books: BookActorsPort, order: CancelledOrder): Promise<ReturnStockResult> {
  const result = await books.release(order.bookId, order.orderId);
  if (!result.ok) return { kind: 'book-not-found' };
  return result.released > 0 ? { kind: 'returned', copies: result.released } : { kind: 'nothing-to-return' };
}
