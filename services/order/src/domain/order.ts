import type { Caller } from '@bookstore/contracts';

export type OrderStatus = 'Ordered' | 'OutOfStocked' | 'OrderCancelled';

export interface Order {
  orderId: string;
  bookId: string;
  customerId: string;
  qty: number;
  /** Unit price × qty, in won, fixed when the order is placed. */
  price: number;
  status: OrderStatus;
  orderedAt: string;
}

export interface OrderRequest {
  orderId: string;
  bookId: string;
  customerId: string;
  qty: number;
  orderedAt: string;
}

/** What can happen to an order. `placed` and `stockShort` happen once, to an order not yet recorded. */
export type OrderLifecycleEvent = 'placed' | 'stockShort' | 'cancel';

/** An order before it is recorded: the state the first event moves it out of. */
export const NEW = 'New' as const;
export type OrderState = OrderStatus | typeof NEW;

export type Transition = { ok: true; to: OrderStatus; changed: boolean } | { ok: false; code: 'ORDER_NOT_CANCELLABLE' | 'ILLEGAL_TRANSITION' };

/**
 * The order's state machine: every legal move, and nothing else. A status changes only
 * through `transition`, so no flow can invent its own move (cancelling an order that never
 * took stock would hand back copies it never held).
 */
const TABLE: Record<OrderState, Partial<Record<OrderLifecycleEvent, Transition>>> = {
  New: {
    placed: { ok: true, to: 'Ordered', changed: true },
    stockShort: { ok: true, to: 'OutOfStocked', changed: true },
  },
  Ordered: {
    cancel: { ok: true, to: 'OrderCancelled', changed: true },
  },
  OutOfStocked: {
    // No stock was taken, so there is nothing to cancel (API.md: 409).
    cancel: { ok: false, code: 'ORDER_NOT_CANCELLABLE' },
  },
  OrderCancelled: {
    // Cancelling twice is answered as the first time, and changes nothing.
    cancel: { ok: true, to: 'OrderCancelled', changed: false },
  },
};

export function transition(from: OrderState, event: OrderLifecycleEvent): Transition {
  return TABLE[from][event] ?? { ok: false, code: 'ILLEGAL_TRANSITION' };
}

function recorded(request: OrderRequest, unitPrice: number, event: 'placed' | 'stockShort'): Order {
  const next = transition(NEW, event);
  if (!next.ok) throw new Error(`illegal transition New --${event}-->`);
  return { ...request, price: unitPrice * request.qty, status: next.to };
}

export function orderedOrder(request: OrderRequest, unitPrice: number): Order {
  return recorded(request, unitPrice, 'placed');
}

/** An order refused for lack of stock is still recorded, so its customer can be told of a restock. */
export function outOfStockOrder(request: OrderRequest, unitPrice: number): Order {
  return recorded(request, unitPrice, 'stockShort');
}

/** Whether `caller` may see (and act on) an order of `customerId`: its owner, or an admin. */
export function canSee(caller: Caller, customerId: string): boolean {
  return caller.role === 'admin' || caller.id === customerId;
}
