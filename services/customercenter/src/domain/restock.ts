import { derivedId } from './derived-id';
import { Notification } from './notifications';

/** An order that could not be served for want of stock, as the read side learned it from OutOfStocked. */
export interface OutOfStockOrder {
  orderId: string;
  bookId: string;
  customerId: string;
  qty: number;
}

/** A restock of a book as the read side hears it (StockIncreased): the event's id and time. */
export interface Restock {
  bookId: string;
  eventId: string;
  at: string;
}

/** A restock that has claimed orders: its event, and when it claimed them (the notifications' time). */
export interface CoveringRestock {
  eventId: string;
  claimedAt: number;
}

/** What one restock took from the book's pending orders; the same event always gets its first claim back. */
export interface RestockClaim extends CoveringRestock {
  orders: Array<Pick<OutOfStockOrder, 'orderId' | 'customerId'>>;
}

/** One Restocked notification to send: a customer, and the orders it covers. */
export interface RestockTarget {
  customerId: string;
  orderIds: string[];
}

/**
 * A restock tells each customer with a claimed order once, however many such orders they
 * have. Customers are listed by id and their orders by id, so the outcome is deterministic.
 */
export function restockTargets(orders: RestockClaim['orders']): RestockTarget[] {
  const byCustomer = new Map<string, string[]>();
  for (const order of orders) byCustomer.set(order.customerId, [...(byCustomer.get(order.customerId) ?? []), order.orderId]);
  return [...byCustomer.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([customerId, orderIds]) => ({ customerId, orderIds: orderIds.sort() }));
}

export function restockedMessage(title: string | undefined): string {
  return title ? `"${title}" is back in stock` : 'A book you ordered is back in stock';
}

/**
 * One customer's Restocked notification for a restock. Its id comes from the restock and the
 * customer, so telling the same customer again for the same restock (a redelivery, or an
 * order whose OutOfStocked arrived after the restock) makes the same notification.
 */
export function restockedNotification(bookId: string, title: string | undefined, restock: CoveringRestock, customerId: string): Notification {
  return {
    notificationId: derivedId(restock.claimedAt, `${restock.eventId}|${customerId}`),
    customerId,
    kind: 'Restocked',
    bookId,
    message: restockedMessage(title),
    createdAt: new Date(restock.claimedAt).toISOString(),
  };
}
