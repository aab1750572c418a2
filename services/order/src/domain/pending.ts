import { OrderRequest, OrderStatus } from './order';

/**
 * An order being placed. It is recorded before its stock is asked for, so that a book holding
 * copies for it can always learn whether the order came to be (the saga's one source of
 * truth). It is never visible through the API: GET and lists show placed orders only.
 * - `Pending`: its placement is under way (or its process died mid-way);
 * - `Failed`: it ended without an order (stock unavailable, unknown book, or it went stale).
 */
export interface PendingOrder {
  orderId: string;
  bookId: string;
  customerId: string;
  qty: number;
  startedAt: string;
  state: 'Pending' | 'Failed';
}

/** What became of an order, as a book holding copies for it asks. */
export type OrderFate = OrderStatus | 'Pending' | 'Failed' | 'Unknown';

export function pendingOrder(request: OrderRequest): PendingOrder {
  const { orderId, bookId, customerId, qty, orderedAt } = request;
  return { orderId, bookId, customerId, qty, startedAt: orderedAt, state: 'Pending' };
}

/**
 * A placement that has outlived every budget it had (the stock call's, the commit's) will not
 * finish: its process died or hung. Failing it lets the book give the copies back.
 */
export function isStale(pending: PendingOrder, nowMs: number, timeoutMs: number): boolean {
  return pending.state === 'Pending' && nowMs - Date.parse(pending.startedAt) >= timeoutMs;
}
