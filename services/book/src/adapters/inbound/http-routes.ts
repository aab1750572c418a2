import { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import { Callers, fingerprint, ID_PATTERN, idempotencyKeyOf, jsonBody, newId, parseOrThrow, problem, ProblemError, route } from '@bookstore/runtime';
import { bookListQuery, IDENTITY, LIMITS, registerBookBody, restockBody } from '@bookstore/contracts';
import { BooksUnavailable } from '../../domain/errors';
import { IdempotencyStore } from '../../domain/idempotency';
import { listBooks } from '../../domain/list-books';
import { BookActorsPort, CatalogIndex } from '../../domain/ports';
import { registerNewBook } from '../../domain/register-new-book';
import { restockBook } from '../../domain/restock-book';
import { publicBook } from '../../domain/book';

/** The caller the gateway vouched for (the bookstore's identity headers and roles). */
const callers = new Callers(IDENTITY);

export interface BookRoutesDeps {
  books: BookActorsPort;
  catalog: CatalogIndex;
  idempotency: IdempotencyStore;
  retryAfterSeconds: number;
}

/** Admin only, checked before the body is read: 401 without a caller, 403 for a customer. */
const adminOnly: RequestHandler = (req: Request, _res: Response, next: NextFunction) => {
  try {
    callers.requireCaller(req, 'admin');
    next();
  } catch (error) {
    next(error);
  }
};

const keyReused = (): ProblemError =>
  new ProblemError(problem(422, 'idempotency-key-reused', 'This Idempotency-Key was used before with a different request body.'));

const bookNotFound = (bookId: string): ProblemError => new ProblemError(problem(404, 'book-not-found', `There is no book ${bookId}.`));

/** Maps the actors being out of reach to 503 + Retry-After; anything else goes on to the error handler. */
function unavailableAs503(retryAfterSeconds: number) {
  return (error: unknown, _req: Request, _res: Response, next: NextFunction): void => {
    if (!(error instanceof BooksUnavailable)) return next(error);
    next(
      new ProblemError(problem(503, 'books-unavailable', 'The catalog is not answering; nothing was changed that a retry would repeat. Try again shortly.'), {
        'Retry-After': String(retryAfterSeconds),
      }),
    );
  };
}

export function bookRoutes(app: Express, deps: BookRoutesDeps): void {
  const { books, catalog, idempotency } = deps;

  app.post(
    '/books',
    adminOnly,
    jsonBody(),
    route(async (req, res) => {
      const caller = callers.requireCaller(req, 'admin');
      const key = idempotencyKeyOf(req);
      const input = parseOrThrow(registerBookBody, req.body);
      const book = { title: input.title, author: input.author ?? '', price: input.price, stock: input.stock ?? 0 };
      const result = await registerNewBook(
        { books, idempotency, newPlan: () => ({ bookId: newId(), registeredAt: new Date().toISOString() }) },
        { callerId: caller.id, idempotencyKey: key, fingerprint: fingerprint(book), book },
      );
      switch (result.kind) {
        case 'key-reused':
          throw keyReused();
        case 'id-taken':
          // Ids are fresh ULIDs: only a bug could get here.
          throw new Error(`book id ${result.bookId} is already registered with another book`);
        case 'registered':
          res.status(201).json(result.book);
      }
    }),
  );

  app.get(
    '/books',
    route(async (req, res) => {
      const query = parseOrThrow(bookListQuery, req.query, 'query');
      res.json(await listBooks(catalog, query));
    }),
  );

  app.get(
    '/books/:bookId',
    route(async (req, res) => {
      const bookId = req.params.bookId ?? '';
      // An id no book can have is simply not there.
      const book = ID_PATTERN.test(bookId) ? await books.get(bookId) : undefined;
      if (!book) throw bookNotFound(bookId);
      res.json(publicBook(book));
    }),
  );

  app.patch(
    '/books/reStock',
    adminOnly,
    jsonBody(),
    route(async (req, res) => {
      const caller = callers.requireCaller(req, 'admin');
      const key = idempotencyKeyOf(req);
      const input = parseOrThrow(restockBody, req.body);
      const result = await restockBook(
        { books, idempotency, newPlan: () => ({ restockId: newId() }) },
        { callerId: caller.id, idempotencyKey: key, fingerprint: fingerprint(input), bookId: input.bookId, qty: input.stock },
      );
      switch (result.kind) {
        case 'key-reused':
          throw keyReused();
        case 'book-not-found':
          throw bookNotFound(input.bookId);
        case 'stock-limit':
          throw new ProblemError(problem(409, 'stock-limit', `Book ${input.bookId} cannot hold more than ${LIMITS.maxStock} copies; nothing was added.`));
        case 'restocked':
          res.status(200).json(result.book);
      }
    }),
  );

  app.use(['/books', '/books/*'], unavailableAs503(deps.retryAfterSeconds));
}
