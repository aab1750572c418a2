import {
  ActorContext,
  ActorInstance,
  ActorTypeRegistration,
  BOOK_ACTOR_TYPE,
  BookView,
  GetBookResult,
  RegisterBookRequest,
  RegisterBookResult,
  ReserveRequest,
  ReserveResult,
} from '@bookstore/runtime';
import { Book, Reservation, reserve } from '../../domain/book';

const BOOK = 'book';
const reservationKey = (orderId: string): string => `reservation:${orderId}`;

function view(book: Book): BookView {
  return { ...book };
}

/**
 * One actor per book. Dapr gives it one turn at a time, so reading the stock and taking
 * copies can never interleave with another order: stock cannot go negative.
 */
export function bookActor(context: ActorContext): ActorInstance {
  const { state, id } = context;

  const register = async (body: unknown): Promise<RegisterBookResult> => {
    if (await state.get<Book>(BOOK)) return { ok: false, error: 'ALREADY_REGISTERED' };
    const request = body as RegisterBookRequest;
    const book: Book = { bookId: id, ...request };
    state.set(BOOK, book);
    return { ok: true, book: view(book) };
  };

  const get = async (): Promise<GetBookResult> => {
    const book = await state.get<Book>(BOOK);
    return book ? { ok: true, book: view(book) } : { ok: false, error: 'BOOK_NOT_FOUND' };
  };

  const reserveCopies = async (body: unknown): Promise<ReserveResult> => {
    const { orderId, qty } = body as ReserveRequest;
    const book = await state.get<Book>(BOOK);
    if (!book) return { ok: false, error: 'BOOK_NOT_FOUND' };
    const outcome = reserve(book, await state.get<Reservation>(reservationKey(orderId)), orderId, qty);
    switch (outcome.kind) {
      case 'out-of-stock':
        return { ok: false, error: 'OUT_OF_STOCK', unitPrice: book.price, stock: book.stock };
      case 'already-reserved':
        return { ok: true, unitPrice: outcome.reservation.unitPrice, stock: book.stock };
      case 'reserved':
        state.set(BOOK, outcome.book);
        state.set(reservationKey(orderId), outcome.reservation);
        return { ok: true, unitPrice: outcome.reservation.unitPrice, stock: outcome.book.stock };
    }
  };

  return { methods: { register, get, reserve: reserveCopies } };
}

export const bookActorType: ActorTypeRegistration = { type: BOOK_ACTOR_TYPE, create: bookActor };
