import type { Purchase, Standing } from '@bookstore/customer/dist/domain/grade';
import type { CustomerView, MyPageRow, Order } from './shop';

/** After a scenario: nothing lost, nothing invented, as the public API shows it once events settle. */

/** An order the generator was told was placed (201), and whether it then cancelled it (200). */
export type AcceptedOrder = Omit<Order, 'status'> & { cancelled: boolean };

export interface BookStock {
  bookId: string;
  initial: number;
  restocked: number;
  current: number;
}

/** MyPage statuses of an order that holds copies (it was placed and not cancelled). */
const HOLDS_STOCK = new Set(['Ordered', 'DeliveryStarted']);

export interface StockViolation {
  bookId: string;
  expected: number;
  current: number;
}

/** initial + restocked = current + Σ qty of the book's orders that stand, for every book. */
export function stockViolations(books: readonly BookStock[], rows: readonly MyPageRow[]): StockViolation[] {
  const sold = new Map<string, number>();
  for (const row of rows) if (HOLDS_STOCK.has(row.status)) sold.set(row.bookId, (sold.get(row.bookId) ?? 0) + row.qty);
  return books
    .map((b) => ({ bookId: b.bookId, expected: b.initial + b.restocked - (sold.get(b.bookId) ?? 0), current: b.current }))
    .filter((v) => v.expected !== v.current);
}

export interface OrderFates {
  /** Accepted orders MyPage does not know. */
  lost: string[];
  /** Accepted orders whose MyPage status is not the final one (DeliveryStarted, or DeliveryCancelled once cancelled). */
  notFinal: Array<{ orderId: string; status: string }>;
  /** Orders that stand for these books but were never answered 201 (placed after a 503 or a timeout). */
  unanswered: string[];
}

export function orderFates(accepted: readonly AcceptedOrder[], rows: readonly MyPageRow[], books: ReadonlySet<string>): OrderFates {
  const byId = new Map(rows.map((r) => [r.orderId, r]));
  const acceptedIds = new Set(accepted.map((o) => o.orderId));
  const lost: string[] = [];
  const notFinal: Array<{ orderId: string; status: string }> = [];
  for (const order of accepted) {
    const row = byId.get(order.orderId);
    if (!row) lost.push(order.orderId);
    else if (row.status !== (order.cancelled ? 'DeliveryCancelled' : 'DeliveryStarted')) notFinal.push({ orderId: order.orderId, status: row.status });
  }
  const unanswered = rows.filter((r) => books.has(r.bookId) && HOLDS_STOCK.has(r.status) && !acceptedIds.has(r.orderId)).map((r) => r.orderId);
  return { lost, notFinal, unanswered };
}

export interface MileageMismatch {
  customerId: string;
  expected: Standing;
  actual: Pick<CustomerView, 'grade' | 'mileage' | 'purchased'>;
}

/**
 * The customer's standing as API.md defines it, from the orders we know they placed (and any
 * history we gave them), against what the shop shows. `standingOf` is the customer domain's
 * own pure function, imported rather than restated.
 */
export function mileageMismatch(
  standingOf: (purchases: Purchase[]) => Standing,
  view: CustomerView,
  orders: readonly AcceptedOrder[],
  history: readonly Purchase[] = [],
): MileageMismatch | undefined {
  const purchases: Purchase[] = [...history, ...orders.map((o) => ({ orderId: o.orderId, price: o.price, orderedAt: o.orderedAt, cancelled: o.cancelled }))];
  const expected = standingOf(purchases);
  const actual = { grade: view.grade, mileage: view.mileage, purchased: view.purchased };
  const same = expected.grade === actual.grade && expected.mileage === actual.mileage && expected.purchased === actual.purchased;
  return same ? undefined : { customerId: view.customerId, expected, actual };
}
