import type { BookView, RegisterBookRequest } from '@bookstore/contracts';

/** A book in the catalog with its stock (as the BookActor answers it). Stock never goes below zero. */
export type Book = BookView;

/** What the public API shows of a book (API.md's `Book`). */
export interface PublicBook {
  bookId: string;
  title: string;
  author: string;
  price: number;
  stock: number;
}

export function publicBook({ bookId, title, author, price, stock }: Book): PublicBook {
  return { bookId, title, author, price, stock };
}

export type RegisterOutcome = { kind: 'registered'; book: Book } | { kind: 'same-registration'; book: Book } | { kind: 'already-registered' };

/**
 * Registers a book under `bookId`. The same registration again (a retry whose answer was
 * lost: Dapr's resiliency policy retries a timed-out actor call) answers the book as it was
 * registered, as the first answer did; a different one under the same id is refused.
 * `registeredAt` is part of the comparison, so two registrations with the same title are
 * never mistaken for each other.
 */
export function registerBook(existing: Book | undefined, bookId: string, request: RegisterBookRequest): RegisterOutcome {
  if (!existing) return { kind: 'registered', book: { bookId, ...request } };
  const same =
    existing.title === request.title &&
    existing.author === request.author &&
    existing.price === request.price &&
    existing.registeredAt === request.registeredAt;
  return same ? { kind: 'same-registration', book: { bookId, ...request } } : { kind: 'already-registered' };
}
