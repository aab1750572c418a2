import type {
  BookView,
  ConfirmManyResult,
  ConfirmResult,
  ReleaseManyResult,
  RegisterBookRequest,
  RegisterBookResult,
  ReleaseResult,
  RestockResult,
} from '@bookstore/contracts';
import { PublicBook } from './book';
import { OrderFate } from './reservation';

/**
 * The book actors, as the catalog's use cases call them. A call that cannot be made, or
 * whose answer is lost, throws `BooksUnavailable` (errors.ts).
 */
export interface BookActorsPort {
  register(bookId: string, request: RegisterBookRequest): Promise<RegisterBookResult>;
  get(bookId: string): Promise<BookView | undefined>;
  restock(bookId: string, restockId: string, qty: number): Promise<RestockResult>;
  release(bookId: string, orderId: string): Promise<ReleaseResult>;
  confirm(bookId: string, orderId: string): Promise<ConfirmResult>;
  /** Several orders of one book in one turn (at most MAX_SETTLEMENTS_PER_TURN). */
  confirmMany(bookId: string, orderIds: string[]): Promise<ConfirmManyResult>;
  releaseMany(bookId: string, orderIds: string[]): Promise<ReleaseManyResult>;
}

/** The order service, asked what became of an order whose copies a book holds. Throws when it cannot answer. */
export interface OrderFates {
  fateOf(orderId: string): Promise<OrderFate>;
}

/**
 * The catalog's listing index: one row per book, ordered by bookId (ids sort by creation
 * time), so that a listing never has to wake the actors.
 */
export interface CatalogIndex {
  put(row: PublicBook): Promise<void>;
  /** Up to `count` rows with a bookId below `before` (from the newest when undefined), newest first. */
  newestFirst(before: string | undefined, count: number): Promise<PublicBook[]>;
}
