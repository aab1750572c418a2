import { Express } from 'express';
import {
  BookRegistered,
  BookView,
  EventPublisher,
  idField,
  intField,
  jsonBody,
  newId,
  parseOrThrow,
  problem,
  ProblemError,
  route,
  z,
} from '@bookstore/runtime';
import { BookActors } from '../outbound/book-actors';

const registerBookSchema = z.object({
  title: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  author: z.string().trim().max(200).optional(),
  price: intField({ min: 0 }),
  stock: intField({ min: 0 }).optional(),
});

/** A book as the public API shows it (API.md's `Book`). */
function publicBook({ bookId, title, author, price, stock }: BookView) {
  return { bookId, title, author, price, stock };
}

export interface BookRoutesDeps {
  books: BookActors;
  events: EventPublisher;
}

export function bookRoutes(app: Express, { books, events }: BookRoutesDeps): void {
  app.post(
    '/books',
    jsonBody(),
    route(async (req, res) => {
      const input = parseOrThrow(registerBookSchema, req.body);
      const bookId = newId();
      const result = await books.register(bookId, {
        title: input.title,
        author: input.author ?? '',
        price: input.price,
        stock: input.stock ?? 0,
        registeredAt: new Date().toISOString(),
      });
      if (!result.ok) throw new ProblemError(problem(409, 'book-exists', `Book ${bookId} is already registered.`));
      await events.publish(BookRegistered, result.book);
      res.status(201).json(publicBook(result.book));
    }),
  );

  app.get(
    '/books/:bookId',
    route(async (req, res) => {
      const bookId = parseOrThrow(idField, req.params.bookId, 'book id');
      const result = await books.get(bookId);
      if (!result.ok) throw new ProblemError(problem(404, 'book-not-found', `There is no book ${bookId}.`));
      res.json(publicBook(result.book));
    }),
  );
}
