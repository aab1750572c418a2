/**
 * The BookActor's interface, shared by the book service (which hosts it) and the order
 * service (which reserves stock on it). Methods answer results, never throw domain errors:
 * Dapr turns an actor's exception into an opaque 500 (js-sdk issue 357).
 */
export const BOOK_ACTOR_TYPE = 'BookActor';

export const BookActorMethods = {
  register: 'register',
  get: 'get',
  reserve: 'reserve',
} as const;

export interface BookView {
  bookId: string;
  title: string;
  author: string;
  price: number;
  stock: number;
  registeredAt: string;
}

export interface RegisterBookRequest {
  title: string;
  author: string;
  price: number;
  stock: number;
  registeredAt: string;
}

export type RegisterBookResult = { ok: true; book: BookView } | { ok: false; error: 'ALREADY_REGISTERED' };

export type GetBookResult = { ok: true; book: BookView } | { ok: false; error: 'BOOK_NOT_FOUND' };

/** A reservation is keyed by its order: the same orderId twice takes stock once. */
export interface ReserveRequest {
  orderId: string;
  qty: number;
}

export type ReserveResult =
  | { ok: true; unitPrice: number; stock: number }
  | { ok: false; error: 'BOOK_NOT_FOUND' }
  | { ok: false; error: 'OUT_OF_STOCK'; unitPrice: number; stock: number };
