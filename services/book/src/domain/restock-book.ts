import { PublicBook, publicBook } from './book';
import { idempotently, IdempotencyStore } from './idempotency';
import { BookActorsPort } from './ports';

/** What a restock fixes once and every retry reuses: the id the actor dedupes on. */
export interface RestockPlan {
  restockId: string;
}

export interface RestockBookDeps {
  books: BookActorsPort;
  idempotency: IdempotencyStore;
  newPlan(): RestockPlan;
}

export interface RestockBookCommand {
  callerId: string;
  idempotencyKey: string | undefined;
  fingerprint: string;
  bookId: string;
  qty: number;
}

/** `key-reused`: the Idempotency-Key was sent before with another body. */
export type RestockBookResult = { kind: 'restocked'; book: PublicBook } | { kind: 'book-not-found' } | { kind: 'stock-limit' } | { kind: 'key-reused' };

const RESTOCK_REFUSALS = {
  BOOK_NOT_FOUND: 'book-not-found',
  STOCK_LIMIT: 'stock-limit',
  // The restockId was used with another qty: only a key reused for another body does that.
  RESTOCK_CONFLICT: 'key-reused',
} as const;

/**
 * Adds copies to a book and announces it (StockIncreased). Under an `Idempotency-Key` the
 * first attempt's restockId is reused by every retry, so the actor adds the copies once
 * however often the request comes (a retry after a lost answer included) and answers the
 * stock the first restock left. The actor announces it (StockIncreased, its id following
 * from the restockId) through its outbox, in the same turn that adds the copies.
 */
export async function restockBook(deps: RestockBookDeps, command: RestockBookCommand): Promise<RestockBookResult> {
  const outcome = await idempotently<RestockPlan, RestockBookResult>(
    {
      store: deps.idempotency,
      scope: 'restock',
      callerId: command.callerId,
      key: command.idempotencyKey,
      fingerprint: command.fingerprint,
      freshPlan: deps.newPlan(),
    },
    async ({ restockId }) => {
      const result = await deps.books.restock(command.bookId, restockId, command.qty);
      if (!result.ok) return { result: { kind: RESTOCK_REFUSALS[result.error] }, remember: false };
      return { result: { kind: 'restocked', book: publicBook(result.book) }, remember: true };
    },
  );
  return outcome.kind === 'mismatch' ? { kind: 'key-reused' } : outcome.result;
}
