import { MAX_SETTLEMENTS_PER_TURN } from '@bookstore/contracts';
import { reserve } from '../src/domain/reservation';
import { settleOrders } from '../src/domain/settle-orders';
import { aBook, MemoryBookActors } from './fakes';

/** Books b1 and b2 with 10 copies each, and a held reservation of `qty` for each order named. */
function withHolds(orders: Array<[orderId: string, bookId: string, qty: number]>): MemoryBookActors {
  const books = new MemoryBookActors();
  for (const bookId of ['b1', 'b2']) books.books.set(bookId, aBook({ bookId, stock: 10 }));
  for (const [orderId, bookId, qty] of orders) {
    const outcome = reserve(books.books.get(bookId)!, undefined, orderId, qty, 0);
    if (outcome.kind !== 'reserved') throw new Error('setup');
    books.books.set(bookId, outcome.book);
    books.reservations.set(orderId, outcome.reservation);
  }
  return books;
}

describe('settling a batch of order events, one turn per book', () => {
  it('when a batch names two books, then each book gets one turn with its own orders, and every order an outcome in order', async () => {
    const books = withHolds([
      ['o1', 'b1', 1],
      ['o2', 'b2', 1],
      ['o3', 'b1', 1],
    ]);
    const outcomes = await settleOrders(books, 'confirm', [
      { orderId: 'o1', bookId: 'b1' },
      { orderId: 'o2', bookId: 'b2' },
      { orderId: 'o3', bookId: 'b1' },
    ]);
    expect(outcomes).toEqual(['settled', 'settled', 'settled']);
    expect(books.turns).toEqual([
      ['confirmMany', 'b1', ['o1', 'o3']],
      ['confirmMany', 'b2', ['o2']],
    ]);
    expect([...books.reservations.values()].map((r) => r.status)).toEqual(['reserved', 'reserved', 'reserved']);
  });

  it('when cancellations arrive, then their copies go back to their books, once however often they are delivered', async () => {
    const books = withHolds([
      ['o1', 'b1', 2],
      ['o2', 'b2', 3],
    ]);
    const batch = [
      { orderId: 'o1', bookId: 'b1' },
      { orderId: 'o2', bookId: 'b2' },
      { orderId: 'o1', bookId: 'b1' },
    ];
    await settleOrders(books, 'release', batch);
    await settleOrders(books, 'release', batch);
    expect(books.books.get('b1')!.stock).toBe(10);
    expect(books.books.get('b2')!.stock).toBe(10);
  });

  it('when a book has more orders than one turn takes, then they are split in turns of at most the bound', async () => {
    const orders = Array.from({ length: MAX_SETTLEMENTS_PER_TURN + 1 }, (_, i) => ({ orderId: `o${i}`, bookId: 'b1' }));
    const books = withHolds([]);
    expect(await settleOrders(books, 'confirm', orders)).toEqual(orders.map(() => 'settled'));
    expect(books.turns.map(([, , ids]) => ids.length)).toEqual([MAX_SETTLEMENTS_PER_TURN, 1]);
  });

  it('when one book cannot be reached, then only its orders are to be retried; an unknown book is no retry', async () => {
    const books = withHolds([['o1', 'b1', 1]]);
    books.unreachable.add('b2');
    const outcomes = await settleOrders(books, 'release', [
      { orderId: 'o1', bookId: 'b1' },
      { orderId: 'o2', bookId: 'b2' },
      { orderId: 'o3', bookId: 'nope' },
    ]);
    expect(outcomes).toEqual(['settled', 'unavailable', 'book-not-found']);
    expect(books.books.get('b1')!.stock).toBe(10);
  });
});
