import { reserve } from '../src/domain/reservation';
import { returnCancelledStock } from '../src/domain/return-cancelled-stock';
import { aBook, MemoryBookActors } from './fakes';

function withReservation(qty: number) {
  const books = new MemoryBookActors();
  const outcome = reserve(aBook({ bookId: 'b1', stock: 5 }), undefined, 'o1', qty, 0);
  if (outcome.kind !== 'reserved') throw new Error('setup');
  books.books.set('b1', outcome.book);
  books.reservations.set('o1', outcome.reservation);
  return books;
}

describe('returning a cancelled order\'s stock', () => {
  it('when an order is cancelled, then its copies go back to the book', async () => {
    const books = withReservation(2);
    expect(await returnCancelledStock(books, { orderId: 'o1', bookId: 'b1' })).toEqual({ kind: 'returned', copies: 2 });
    expect(books.books.get('b1')?.stock).toBe(5);
  });

  it('when the cancellation is delivered twice, then the copies come back once', async () => {
    const books = withReservation(2);
    await returnCancelledStock(books, { orderId: 'o1', bookId: 'b1' });
    expect(await returnCancelledStock(books, { orderId: 'o1', bookId: 'b1' })).toEqual({ kind: 'nothing-to-return' });
    expect(books.books.get('b1')?.stock).toBe(5);
  });

  it('when the book is unknown, then there is nothing to return', async () => {
    expect(await returnCancelledStock(new MemoryBookActors(), { orderId: 'o1', bookId: 'nope' })).toEqual({ kind: 'book-not-found' });
  });
});
