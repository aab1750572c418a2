import { Book } from './book';

/**
 * Stock taken for one order, keyed by orderId. `released` orders keep their record for
 * good: it is what makes a release idempotent and a late reservation harmless.
 */
export interface Reservation {
  orderId: string;
  qty: number;
  unitPrice: number;
  status: 'reserved' | 'released';
}

export type ReserveOutcome =
  | { kind: 'reserved'; book: Book; reservation: Reservation }
  | { kind: 'already-reserved'; reservation: Reservation }
  | { kind: 'order-released' }
  | { kind: 'out-of-stock'; book: Book };

/**
 * Takes `qty` copies for `orderId`. The same orderId again changes nothing and answers as
 * the first time did, so a caller may retry a reservation whose answer it lost.
 *
 * Saga ordering: the order service may give up on a reservation (timeout, 503) while the
 * call is still on its way, and the order's cancellation (OrderCancelled) may then reach the
 * actor first. The release leaves a `released` record even though nothing was reserved, so
 * when the late reservation arrives it takes nothing: stock still adds up,
 * `initial + added = current + Σ qty of Ordered orders`.
 */
export function reserve(book: Book, existing: Reservation | undefined, orderId: string, qty: number): ReserveOutcome {
  if (existing?.status === 'released') return { kind: 'order-released' };
  if (existing) return { kind: 'already-reserved', reservation: existing };
  if (qty > book.stock) return { kind: 'out-of-stock', book };
  return {
    kind: 'reserved',
    book: { ...book, stock: book.stock - qty },
    reservation: { orderId, qty, unitPrice: book.price, status: 'reserved' },
  };
}

export type ReleaseOutcome =
  | { kind: 'released'; book: Book; reservation: Reservation }
  | { kind: 'already-released' }
  | { kind: 'never-reserved'; reservation: Reservation };

/**
 * Returns an order's copies, once. An order never reserved gets a `released` record with
 * nothing in it (see `reserve`), and returns no copies.
 */
export function release(book: Book, existing: Reservation | undefined, orderId: string): ReleaseOutcome {
  if (!existing) return { kind: 'never-reserved', reservation: { orderId, qty: 0, unitPrice: book.price, status: 'released' } };
  if (existing.status === 'released') return { kind: 'already-released' };
  return {
    kind: 'released',
    book: { ...book, stock: book.stock + existing.qty },
    reservation: { ...existing, status: 'released' },
  };
}
