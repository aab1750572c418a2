import { Book, reserve } from '../src/domain/book';

const book: Book = { bookId: 'b1', title: 'T', author: 'A', price: 1500, stock: 3, registeredAt: '2026-01-01T00:00:00Z' };

describe('reserving copies of a book', () => {
  it('when enough copies are in stock, then they are taken at the unit price', () => {
    const outcome = reserve(book, undefined, 'o1', 2);
    expect(outcome).toEqual({ kind: 'reserved', book: { ...book, stock: 1 }, reservation: { orderId: 'o1', qty: 2, unitPrice: 1500 } });
  });

  it('when exactly the stock is ordered, then stock reaches zero', () => {
    const outcome = reserve(book, undefined, 'o1', 3);
    expect(outcome.kind === 'reserved' && outcome.book.stock).toBe(0);
  });

  it('when stock is short, then nothing is taken', () => {
    expect(reserve(book, undefined, 'o1', 4)).toEqual({ kind: 'out-of-stock', book });
  });

  it('when the same order reserves again, then no more stock is taken and the first answer repeats', () => {
    const first = { orderId: 'o1', qty: 2, unitPrice: 1500 };
    expect(reserve({ ...book, stock: 1 }, first, 'o1', 2)).toEqual({ kind: 'already-reserved', reservation: first });
  });
});
