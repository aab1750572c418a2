import request from 'supertest';
import { createHttpApp, finishHttpApp, Logger } from '@bookstore/runtime';
import { CALLER_ID_HEADER, CALLER_ROLE_HEADER } from '@bookstore/contracts';
import { bookRoutes } from '../src/adapters/inbound/http-routes';
import { BooksUnavailable } from '../src/domain/errors';
import { aBook, MemoryBookActors, MemoryCatalog, MemoryIdempotency } from './fakes';

const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const asAdmin = { [CALLER_ID_HEADER]: 'admin', [CALLER_ROLE_HEADER]: 'admin' };

function appWith(books: MemoryBookActors) {
  const app = createHttpApp(silent);
  bookRoutes(app, { books, catalog: new MemoryCatalog(), idempotency: new MemoryIdempotency(), retryAfterSeconds: 7 });
  finishHttpApp(app, silent);
  return app;
}

describe('the book routes', () => {
  it('when the actors cannot be reached, then the answer is 503 with Retry-After', async () => {
    const books = new MemoryBookActors();
    jest.spyOn(books, 'get').mockRejectedValue(new BooksUnavailable('TIMEOUT'));
    jest.spyOn(books, 'restock').mockRejectedValue(new BooksUnavailable('TIMEOUT'));
    const app = appWith(books);
    const read = await request(app).get('/books/B1');
    expect(read.status).toBe(503);
    expect(read.headers['retry-after']).toBe('7');
    const restock = await request(app).patch('/books/reStock').set(asAdmin).send({ bookId: 'B1', stock: 1 });
    expect(restock.status).toBe(503);
    expect(restock.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('when nobody is signed in, then a write is 401 before its body is even read', async () => {
    const response = await request(appWith(new MemoryBookActors())).post('/books').set('content-type', 'application/json').send('{not json');
    expect(response.status).toBe(401);
  });

  it('when a book id has characters no id has, then it is 404 without asking an actor', async () => {
    const books = new MemoryBookActors();
    const get = jest.spyOn(books, 'get');
    expect((await request(appWith(books)).get('/books/not%20an%20id')).status).toBe(404);
    expect(get).not.toHaveBeenCalled();
  });

  it('when a restock succeeds, then only the public fields of the book are answered', async () => {
    const books = new MemoryBookActors();
    books.books.set('B1', aBook({ bookId: 'B1', stock: 1 }));
    const response = await request(appWith(books)).patch('/books/reStock').set(asAdmin).send({ bookId: 'B1', stock: 2 });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ bookId: 'B1', title: 'Domain-Driven Design', author: 'Eric Evans', price: 1500, stock: 3 });
  });
});
