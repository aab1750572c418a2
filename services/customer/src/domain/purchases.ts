import { Purchase } from './grade';
import { LedgerEvent } from './ledger';

/**
 * A customer's orders as their standing counts them, keyed by orderId: the model `standingOf`
 * defines the standing on, which the ledger is tested against; also how a customer's orders
 * were stored before the ledger (each event copied and rewrote the whole map).
 */
export type Purchases = Record<string, Purchase>;

/** The events that give a ledger the same orders as `purchases`. */
export function ledgerEventsOf(purchases: Purchases): LedgerEvent[] {
  return Object.values(purchases).flatMap(({ orderId, price, orderedAt, cancelled }): LedgerEvent[] => [
    ...(orderedAt === '' ? [] : [{ kind: 'ordered' as const, orderId, price, orderedAt }]),
    ...(cancelled ? [{ kind: 'cancelled' as const, orderId, price }] : []),
  ]);
}

/**
 * An order was placed. Recording it twice changes nothing, and an order already known to be
 * cancelled (its events crossed) stays cancelled.
 */
export function recordOrdered(purchases: Purchases, orderId: string, price: number, orderedAt: string): Purchases {
  const known = purchases[orderId];
  if (known && known.orderedAt !== '') return purchases;
  return { ...purchases, [orderId]: { orderId, price, orderedAt, cancelled: known?.cancelled ?? false } };
}

/** An order was cancelled; if its `Ordered` has not arrived yet, the cancellation waits for it. */
export function recordCancelled(purchases: Purchases, orderId: string, price: number): Purchases {
  const known = purchases[orderId];
  if (known?.cancelled) return purchases;
  return { ...purchases, [orderId]: { orderId, price, orderedAt: known?.orderedAt ?? '', cancelled: true } };
}
