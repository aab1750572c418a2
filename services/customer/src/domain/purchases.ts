import { Purchase } from './grade';

/** A customer's orders as their standing counts them, keyed by orderId. */
export type Purchases = Record<string, Purchase>;

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
