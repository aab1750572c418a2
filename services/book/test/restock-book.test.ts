import { restockBook, RestockBookDeps } from '../src/domain/restock-book';
import { aBook, MemoryBookActors, MemoryIdempotency } from './fakes';

function setUp() {
  let n = 0;
  const books = new MemoryBookActors();
  books.books.set('b1', aBook({ bookId: 'b1', stock: 3 }));
  const deps: RestockBookDeps = { books, idempotency: new MemoryIdempotency(), newPlan: () => ({ restockId: `r${++n}` }) };
  return { books, deps };
}

const command = (key: string | undefined, qty = 5, bookId = 'b1') => ({ callerId: 'admin', idempotencyKey: key, fingerprint: `${bookId}/${qty}`, bookId, qty });

describe('restocking a book', () => {
  it('when copies are added, then the book comes back with the new stock', async () => {
    const { deps } = setUp();
    const result = await restockBook(deps, command(undefined));
    expect(result).toEqual({ kind: 'restocked', book: expect.objectContaining({ bookId: 'b1', stock: 8 }) });
  });

  it('when the same key is sent twice, then the copies are added once and the first answer is replayed', async () => {
    const { deps, books } = setUp();
    const first = await restockBook(deps, command('k'));
    await restockBook(deps, command(undefined, 1));
    expect(await restockBook(deps, command('k'))).toEqual(first);
    expect(books.books.get('b1')?.stock).toBe(9);
  });

  it('when the answer of a keyed restock was lost, then the retry adds nothing more and answers the stock it left', async () => {
    const { deps, books } = setUp();
    books.loseNextAnswer = true;
    await expect(restockBook(deps, command('k'))).rejects.toThrow();
    expect(await restockBook(deps, command('k'))).toEqual({ kind: 'restocked', book: expect.objectContaining({ stock: 8 }) });
    expect(books.books.get('b1')?.stock).toBe(8);
  });

  it('when the same key comes with another body, then it is refused and nothing is added', async () => {
    const { deps, books } = setUp();
    await restockBook(deps, command('k', 5));
    expect(await restockBook(deps, command('k', 6))).toEqual({ kind: 'key-reused' });
    expect(books.books.get('b1')?.stock).toBe(8);
  });

  it('when the book is unknown, then it is not found', async () => {
    const { deps } = setUp();
    expect(await restockBook(deps, command('k', 5, 'nope'))).toEqual({ kind: 'book-not-found' });
  });

  it('when no key is sent, then every request adds its copies', async () => {
    const { deps, books } = setUp();
    await restockBook(deps, command(undefined));
    await restockBook(deps, command(undefined));
    expect(books.books.get('b1')?.stock).toBe(13);
  });
});
