import { registerNewBook, RegisterNewBookDeps } from '../src/domain/register-new-book';
import { MemoryBookActors, MemoryIdempotency } from './fakes';

const book = { title: 'Refactoring', author: 'Martin Fowler', price: 30000, stock: 4 };

function setUp() {
  let n = 0;
  const books = new MemoryBookActors();
  const deps: RegisterNewBookDeps = {
    books,
    idempotency: new MemoryIdempotency(),
    newPlan: () => ({ bookId: `B${++n}`, registeredAt: `2026-01-0${n}T00:00:00.000Z` }),
  };
  return { books, deps };
}

const command = (key?: string, fingerprint = 'f') => ({ callerId: 'admin', idempotencyKey: key, fingerprint, book });

describe('registering a new book', () => {
  it('when a book is registered, then it is answered and the actor holds it', async () => {
    const { deps, books } = setUp();
    expect(await registerNewBook(deps, command())).toEqual({ kind: 'registered', book: { bookId: 'B1', ...book } });
    expect(books.books.get('B1')).toMatchObject({ ...book, registeredAt: '2026-01-01T00:00:00.000Z' });
  });

  it('when the answer of a keyed registration was lost, then the retry answers the same book and registers no other', async () => {
    const { deps, books } = setUp();
    books.loseNextAnswer = true;
    await expect(registerNewBook(deps, command('k'))).rejects.toThrow();
    expect(await registerNewBook(deps, command('k'))).toEqual({ kind: 'registered', book: { bookId: 'B1', ...book } });
    expect([...books.books.keys()]).toEqual(['B1']);
  });

  it('when the same key is sent with another body, then it is refused and nothing is registered', async () => {
    const { deps, books } = setUp();
    await registerNewBook(deps, command('k', 'f1'));
    expect(await registerNewBook(deps, command('k', 'f2'))).toEqual({ kind: 'key-reused' });
    expect(books.books.size).toBe(1);
  });

  it('when no key is sent, then each request registers a book of its own', async () => {
    const { deps, books } = setUp();
    await registerNewBook(deps, command());
    await registerNewBook(deps, command());
    expect(books.books.size).toBe(2);
  });
});
