import { PublicBook, publicBook } from './book';
import { idempotently, IdempotencyStore } from './idempotency';
import { BookActorsPort } from './ports';

export interface NewBook {
  title: string;
  author: string;
  price: number;
  stock: number;
}

/** What a registration fixes once and every retry reuses. */
export interface RegistrationPlan {
  bookId: string;
  registeredAt: string;
}

export interface RegisterNewBookDeps {
  books: BookActorsPort;
  idempotency: IdempotencyStore;
  newPlan(): RegistrationPlan;
}

export interface RegisterNewBookCommand {
  callerId: string;
  idempotencyKey: string | undefined;
  /** A digest of the request, to tell a retry from another request under the same key. */
  fingerprint: string;
  book: NewBook;
}

/** `key-reused`: the Idempotency-Key was sent before with another body. */
export type RegisterNewBookResult = { kind: 'registered'; book: PublicBook } | { kind: 'id-taken'; bookId: string } | { kind: 'key-reused' };

/**
 * Registers a new book. The actor's registration is idempotent (the same request again
 * answers the same book), so it may be repeated: by a client retrying with the same
 * `Idempotency-Key`, which reuses the first attempt's bookId. The actor announces the book
 * (BookRegistered) itself, through its outbox, in the same turn that records it.
 */
export async function registerNewBook(deps: RegisterNewBookDeps, command: RegisterNewBookCommand): Promise<RegisterNewBookResult> {
  const outcome = await idempotently<RegistrationPlan, RegisterNewBookResult>(
    {
      store: deps.idempotency,
      scope: 'register-book',
      callerId: command.callerId,
      key: command.idempotencyKey,
      fingerprint: command.fingerprint,
      freshPlan: deps.newPlan(),
    },
    async (plan) => {
      const result = await deps.books.register(plan.bookId, { ...command.book, registeredAt: plan.registeredAt });
      if (!result.ok) return { result: { kind: 'id-taken', bookId: plan.bookId }, remember: false };
      return { result: { kind: 'registered', book: publicBook(result.book) }, remember: true };
    },
  );
  return outcome.kind === 'mismatch' ? { kind: 'key-reused' } : outcome.result;
}
