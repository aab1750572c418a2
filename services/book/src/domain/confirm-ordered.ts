import { BookActorsPort } from './ports';

/**
 * An order was placed (Ordered): the copies its book holds for it become a reservation, so
 * the book stops asking the order service about it. The settle reminder would get there too;
 * this is the quick way.
 */
export async function confirmOrdered(books: BookActorsPort, order: { bookId: string; orderId: string }): Promise<'confirmed' | 'unchanged' | 'book-not-found'> {
  const result = await books.confirm(order.bookId, order.orderId);
  if (!result.ok) return 'book-not-found';
  return result.confirmed ? 'confirmed' : 'unchanged';
}
