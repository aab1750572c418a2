/** An order that could not be served for want of stock, as the read side learned it from OutOfStocked. */
export interface OutOfStockOrder {
  orderId: string;
  bookId: string;
  customerId: string;
  qty: number;
  /** Set once a restock has told the customer about this order. */
  notified: boolean;
}

/** One Restocked notification to send: a customer, and the orders it covers. */
export interface RestockTarget {
  customerId: string;
  orderIds: string[];
}

export interface RestockOutcome {
  targets: RestockTarget[];
  /** The book's out-of-stock orders after the restock: every one of them notified. */
  orders: OutOfStockOrder[];
}

/**
 * A restock of a book tells each customer with at least one not-yet-notified out-of-stock
 * order for it, once, however many such orders they have; those orders then count as
 * notified, so each order causes at most one notification. Orders of other books are left
 * alone. Customers are listed by id and their orders by id, so the outcome is deterministic.
 */
export function restock(bookId: string, orders: readonly OutOfStockOrder[]): RestockOutcome {
  const pending = orders.filter((o) => o.bookId === bookId && !o.notified);
  const byCustomer = new Map<string, string[]>();
  for (const order of pending) byCustomer.set(order.customerId, [...(byCustomer.get(order.customerId) ?? []), order.orderId]);
  const targets = [...byCustomer.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([customerId, orderIds]) => ({ customerId, orderIds: orderIds.sort() }));
  const claimed = new Set(pending.map((o) => o.orderId));
  return { targets, orders: orders.map((o) => (claimed.has(o.orderId) ? { ...o, notified: true } : o)) };
}

/**
 * Adds an order learned from OutOfStocked. A redelivered event finds the order known and
 * changes nothing: in particular it cannot make a notified order pending again.
 */
export function recordOutOfStock(orders: readonly OutOfStockOrder[], order: Omit<OutOfStockOrder, 'notified'>): OutOfStockOrder[] {
  if (orders.some((o) => o.orderId === order.orderId)) return [...orders];
  return [...orders, { ...order, notified: false }];
}
