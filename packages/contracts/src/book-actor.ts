import { z } from 'zod';
import { idString, plainText, safeInt, timestampField } from '@bookstore/runtime/schema';
import { LIMITS, TEXT_MAX } from './fields';

/**
 * The BookActor's interface, shared by the book service (which hosts it) and the order
 * service (which reserves stock on it). Methods answer results, never throw domain errors:
 * Dapr turns an actor's exception into an opaque 500 (js-sdk issue 357).
 *
 * Every body is parsed with its schema below before the method touches state: any local
 * process that reaches the sidecar can call an actor, so the actor trusts no caller. A body
 * that breaks its schema is answered 400 problem+json and changes nothing.
 */
export const BOOK_ACTOR_TYPE = 'BookActor';

export const BookActorMethods = {
  register: 'register',
  get: 'get',
  reserve: 'reserve',
  reserveMany: 'reserveMany',
  release: 'release',
  confirm: 'confirm',
  confirmMany: 'confirmMany',
  releaseMany: 'releaseMany',
  restock: 'restock',
} as const;

/** The reminder a BookActor sets while it holds copies for orders not yet known to be placed. */
export const SETTLE_HOLDS_REMINDER = 'settle-holds';

export interface BookView {
  bookId: string;
  title: string;
  author: string;
  price: number;
  stock: number;
  registeredAt: string;
}

/**
 * A registration. Sending the same one again (same title, author, price, stock and
 * registeredAt) answers the book again instead of ALREADY_REGISTERED, so a caller may retry
 * a registration whose answer it lost.
 */
export const RegisterBookRequestSchema = z.object({
  title: plainText({ min: 1, max: TEXT_MAX.title }),
  author: plainText({ max: TEXT_MAX.author }),
  price: safeInt({ min: 0, max: LIMITS.maxPrice }),
  stock: safeInt({ min: 0, max: LIMITS.maxStock }),
  registeredAt: timestampField,
});
export type RegisterBookRequest = z.output<typeof RegisterBookRequestSchema>;

export type RegisterBookResult = { ok: true; book: BookView; replayed: boolean } | { ok: false; error: 'ALREADY_REGISTERED' };

export type GetBookResult = { ok: true; book: BookView } | { ok: false; error: 'BOOK_NOT_FOUND' };

/**
 * A reservation is keyed by its order: the same orderId twice takes stock once. `deadline`
 * (epoch ms, optional): when the order's caller stops waiting; a reservation that reaches the
 * book later takes nothing (DEADLINE_PASSED), instead of holding copies nobody will buy.
 */
export const ReserveRequestSchema = z.object({
  orderId: idString,
  qty: safeInt({ min: 1, max: LIMITS.maxQty }),
  deadline: safeInt({ min: 0 }).optional(),
});
export type ReserveRequest = z.output<typeof ReserveRequestSchema>;

/** The most reservations one `reserveMany` turn takes (the order service sends at most this many). */
export const MAX_RESERVATIONS_PER_TURN = 100;

/**
 * Several reservations in one turn, taken in the order given: a hot book's orders queue up
 * behind each turn, so one turn serves every order that waited for it.
 */
export const ReserveManyRequestSchema = z.object({
  reservations: z.array(ReserveRequestSchema).min(1).max(MAX_RESERVATIONS_PER_TURN),
});
export type ReserveManyRequest = z.output<typeof ReserveManyRequestSchema>;

/** One result per reservation, in the order asked. */
export interface ReserveManyResult {
  results: ReserveResult[];
}

/**
 * ORDER_RELEASED: the order was released (cancelled) before this reservation arrived, so it
 * takes nothing; the caller must treat the order as not placed. DEADLINE_PASSED: it came
 * after its `deadline`, and took nothing.
 */
export type ReserveResult =
  | { ok: true; unitPrice: number; stock: number }
  | { ok: false; error: 'BOOK_NOT_FOUND' }
  | { ok: false; error: 'ORDER_RELEASED' }
  | { ok: false; error: 'DEADLINE_PASSED' }
  | { ok: false; error: 'OUT_OF_STOCK'; unitPrice: number; stock: number };

/**
 * Returns an order's copies. Idempotent: the copies come back once. Releasing an order that
 * was never reserved returns nothing but is remembered, so a late reservation takes nothing.
 */
export const ReleaseRequestSchema = z.object({ orderId: idString });
export type ReleaseRequest = z.output<typeof ReleaseRequestSchema>;

/** The order is placed (Ordered): its held copies become a reservation. Idempotent. */
export const ConfirmRequestSchema = z.object({ orderId: idString });
export type ConfirmRequest = z.output<typeof ConfirmRequestSchema>;

export type ConfirmResult = { ok: true; confirmed: boolean } | { ok: false; error: 'BOOK_NOT_FOUND' };

/** The most orders one `confirmMany` or `releaseMany` turn settles. */
export const MAX_SETTLEMENTS_PER_TURN = 100;

/**
 * Several orders of one book in one turn (a batch of Ordered or OrderCancelled events):
 * each as `confirm` or `release` would, in the order given; the same orderId twice counts once.
 */
export const SettleManyRequestSchema = z.object({ orderIds: z.array(idString).min(1).max(MAX_SETTLEMENTS_PER_TURN) });
export type SettleManyRequest = z.output<typeof SettleManyRequestSchema>;

/** `confirmed`: holds this call turned into reservations. */
export type ConfirmManyResult = { ok: true; confirmed: number } | { ok: false; error: 'BOOK_NOT_FOUND' };

/** `released`: copies this call returned, over all its orders. */
export type ReleaseManyResult = { ok: true; released: number; stock: number } | { ok: false; error: 'BOOK_NOT_FOUND' };

/** `released`: copies returned by this call (0 when already released or never reserved). */
export type ReleaseResult = { ok: true; released: number; stock: number } | { ok: false; error: 'BOOK_NOT_FOUND' };

/** Adds copies; keyed by `restockId`, so the same restock twice adds once. */
export const RestockRequestSchema = z.object({ restockId: idString, qty: safeInt({ min: 1, max: LIMITS.maxRestock }) });
export type RestockRequest = z.output<typeof RestockRequestSchema>;

/**
 * `book` is the book as the restock left it (its stock then), also when `replayed`.
 * RESTOCK_CONFLICT: this restockId was used before with another qty.
 * STOCK_LIMIT: the stock would pass LIMITS.maxStock; nothing was added.
 */
export type RestockResult =
  | { ok: true; book: BookView; added: number; replayed: boolean }
  | { ok: false; error: 'BOOK_NOT_FOUND' }
  | { ok: false; error: 'RESTOCK_CONFLICT' }
  | { ok: false; error: 'STOCK_LIMIT' };
