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
import { Book, PublicBook, registerBook } from '../src/domain/book';
import { BooksUnavailable } from '../src/domain/errors';
import { IdempotencyRecord, IdempotencyStore } from '../src/domain/idempotency';
import { BookActorsPort, CatalogIndex } from '../src/domain/ports';
import { confirm, release, Reservation } from '../src/domain/reservation';
import { Restock, restock } from '../src/domain/restock';

export class MemoryIdempotency implements IdempotencyStore {
  readonly records = new Map<string, unknown>();

  async claim<P, R>(scope: string, callerId: string, key: string, record: IdempotencyRecord<P, R>): Promise<IdempotencyRecord<P, R>> {
    const k = JSON.stringify([scope, callerId, key]);
    if (!this.records.has(k)) this.records.set(k, structuredClone(record));
    return structuredClone(this.records.get(k)) as IdempotencyRecord<P, R>;
  }

  async complete<P, R>(scope: string, callerId: string, key: string, record: IdempotencyRecord<P, R>): Promise<void> {
    this.records.set(JSON.stringify([scope, callerId, key]), structuredClone(record));
  }
}

export class MemoryCatalog implements CatalogIndex {
  readonly rows = new Map<string, PublicBook>();
  reads = 0;

  async put(row: PublicBook): Promise<void> {
    this.rows.set(row.bookId, { ...row });
  }

  async newestFirst(before: string | undefined, count: number): Promise<PublicBook[]> {
    this.reads += 1;
    return [...this.rows.values()]
      .sort((a, b) => (a.bookId < b.bookId ? 1 : -1))
      .filter((row) => before === undefined || row.bookId < before)
      .slice(0, count);
  }
}

/** The actors' rules over memory, with a switch to lose the next answer after doing the work. */
export class MemoryBookActors implements BookActorsPort {
  readonly books = new Map<string, Book>();
  readonly reservations = new Map<string, Reservation>();
  readonly restocks = new Map<string, Restock>();
  loseNextAnswer = false;
  /** Each call of a batch method, as [method, bookId, orderIds]. */
  readonly turns: Array<[string, string, string[]]> = [];
  /** Books whose actors cannot be reached. */
  readonly unreachable = new Set<string>();

  private answer<T>(value: T): T {
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw new Error('answer lost');
    }
    return value;
  }

  async register(bookId: string, request: RegisterBookRequest): Promise<RegisterBookResult> {
    const outcome = registerBook(this.books.get(bookId), bookId, request);
    if (outcome.kind === 'already-registered') return this.answer({ ok: false, error: 'ALREADY_REGISTERED' });
    if (outcome.kind === 'registered') this.books.set(bookId, outcome.book);
    return this.answer({ ok: true, book: { ...outcome.book }, replayed: outcome.kind === 'same-registration' });
  }

  async get(bookId: string): Promise<BookView | undefined> {
    return this.books.get(bookId);
  }

  async restock(bookId: string, restockId: string, qty: number): Promise<RestockResult> {
    const book = this.books.get(bookId);
    if (!book) return this.answer({ ok: false, error: 'BOOK_NOT_FOUND' });
    const outcome = restock(book, this.restocks.get(`${bookId}/${restockId}`), restockId, qty);
    if (outcome.kind === 'conflict') return this.answer({ ok: false, error: 'RESTOCK_CONFLICT' });
    if (outcome.kind === 'stock-limit') return this.answer({ ok: false, error: 'STOCK_LIMIT' });
    if (outcome.kind === 'restocked') {
      this.books.set(bookId, outcome.book);
      this.restocks.set(`${bookId}/${restockId}`, outcome.restock);
    }
    return this.answer({ ok: true, book: outcome.book, added: outcome.restock.qty, replayed: outcome.kind === 'already-restocked' });
  }

  async release(bookId: string, orderId: string): Promise<ReleaseResult> {
    const book = this.books.get(bookId);
    if (!book) return this.answer({ ok: false, error: 'BOOK_NOT_FOUND' });
    const outcome = release(book, this.reservations.get(orderId), orderId);
    if (outcome.kind === 'already-released') return this.answer({ ok: true, released: 0, stock: book.stock });
    this.reservations.set(orderId, outcome.reservation);
    if (outcome.kind === 'never-reserved') return this.answer({ ok: true, released: 0, stock: book.stock });
    this.books.set(bookId, outcome.book);
    return this.answer({ ok: true, released: outcome.reservation.qty, stock: outcome.book.stock });
  }

  async confirm(bookId: string, orderId: string): Promise<ConfirmResult> {
    if (!this.books.has(bookId)) return this.answer({ ok: false, error: 'BOOK_NOT_FOUND' });
    const confirmed = confirm(this.reservations.get(orderId));
    if (confirmed) this.reservations.set(orderId, confirmed);
    return this.answer({ ok: true, confirmed: confirmed !== undefined });
  }

  async confirmMany(bookId: string, orderIds: string[]): Promise<ConfirmManyResult> {
    this.turn('confirmMany', bookId, orderIds);
    if (!this.books.has(bookId)) return { ok: false, error: 'BOOK_NOT_FOUND' };
    let confirmed = 0;
    for (const orderId of orderIds) {
      const result = await this.confirm(bookId, orderId);
      if (result.ok && result.confirmed) confirmed += 1;
    }
    return { ok: true, confirmed };
  }

  async releaseMany(bookId: string, orderIds: string[]): Promise<ReleaseManyResult> {
    this.turn('releaseMany', bookId, orderIds);
    let released = 0;
    for (const orderId of orderIds) {
      const result = await this.release(bookId, orderId);
      if (!result.ok) return result;
      released += result.released;
    }
    return { ok: true, released, stock: this.books.get(bookId)!.stock };
  }

  private turn(method: string, bookId: string, orderIds: string[]): void {
    if (this.unreachable.has(bookId)) throw new BooksUnavailable(`${bookId} unreachable`);
    this.turns.push([method, bookId, [...orderIds]]);
  }
}

export const aBook = (fields: Partial<Book> = {}): Book => ({
  bookId: 'b1',
  title: 'Domain-Driven Design',
  author: 'Eric Evans',
  price: 1500,
  stock: 3,
  registeredAt: '2026-01-01T00:00:00.000Z',
  ...fields,
});
