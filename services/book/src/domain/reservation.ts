import type { OrderFate } from '@bookstore/contracts';
import { Book } from './book';

/**
 * Stock taken for one order, keyed by orderId.
 * - `held`: taken, but the order is not known to be placed yet (its answer may have been
 *   lost: a timeout). A hold is settled later: confirmed when the order is Ordered, released
 *   when it never was (see `settleHold`).
 * - `reserved`: taken for an order that is placed.
 * - `released`: given back. Released orders keep their record for good: it is what makes a
 *   release idempotent and a late reservation harmless.
 */
export interface Reservation {
  orderId: string;
  qty: number;
  unitPrice: number;
  status: 'held' | 'reserved' | 'released';
  /** When the copies were taken (epoch ms). */
  heldAt?: number;
  /** While held: the chunk of the book's holds that lists it (holds.ts). */
  holdChunk?: number;
}

export type ReserveOutcome =
  | { kind: 'reserved'; book: Book; reservation: Reservation }
  | { kind: 'already-reserved'; reservation: Reservation }
  | { kind: 'order-released' }
  | { kind: 'too-late' }
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
export function reserve(book: Book, existing: Reservation | undefined, orderId: string, qty: number, now: number, deadline?: number): ReserveOutcome {
  if (existing?.status === 'released') return { kind: 'order-released' };
  if (existing) return { kind: 'already-reserved', reservation: existing };
  // Its caller has stopped waiting (it queued behind other turns): copies held now would only
  // be kept from other buyers until the hold is settled.
  if (deadline !== undefined && now >= deadline) return { kind: 'too-late' };
  if (qty > book.stock) return { kind: 'out-of-stock', book };
  return {
    kind: 'reserved',
    book: { ...book, stock: book.stock - qty },
    reservation: { orderId, qty, unitPrice: book.price, status: 'held', heldAt: now },
  };
}

/** The order is placed: its hold becomes a reservation. Anything else is left as it is. */
export function confirm(existing: Reservation | undefined): Reservation | undefined {
  return existing?.status === 'held' ? { ...existing, status: 'reserved' } : undefined;
}

/** What the order service says of an order whose copies are held. */
export type { OrderFate } from '@bookstore/contracts';

export type HoldSettlement = 'confirm' | 'release' | 'wait';

/**
 * How a hold is settled once it is older than its grace period. The order service is the
 * one that knows: an order recorded as Ordered keeps its copies; one still being placed is
 * waited for; any other (failed, refused, cancelled, never recorded) gives them back.
 * An order is recorded as Pending before its reservation is asked for, so "Unknown" means
 * the order service has no such order at all.
 */
export function settleHold(fate: OrderFate): HoldSettlement {
  switch (fate) {
    case 'Ordered':
      return 'confirm';
    case 'Pending':
      return 'wait';
    case 'OutOfStocked':
    case 'OrderCancelled':
    case 'Failed':
    case 'Unknown':
      return 'release';
  }
}

export type ReleaseOutcome =
  { kind: 'released'; book: Book; reservation: Reservation } | { kind: 'already-released' } | { kind: 'never-reserved'; reservation: Reservation };

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
