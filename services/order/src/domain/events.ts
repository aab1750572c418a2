import type { OrderCancelledEvent, OrderedEvent, OutOfStockedEvent } from '@bookstore/contracts';
import { Order } from './order';

/**
 * An event the order service owes the world. Its id follows from the order and the event
 * type, so publishing it again (a relay retry, a takeover of an idempotent request) sends
 * the same event, which subscribers see once. `at` is when it happened (the CloudEvent's
 * time), not when the relay got it out: the read side compares an order's failure with a
 * book's restock by it.
 */
export type OrderDomainEvent = { eventId: string; at?: string } & (
  { type: 'Ordered'; data: OrderedEvent } | { type: 'OutOfStocked'; data: OutOfStockedEvent } | { type: 'OrderCancelled'; data: OrderCancelledEvent }
);

export function orderedEvent({ orderId, bookId, customerId, qty, price, orderedAt }: Order): OrderDomainEvent {
  return { eventId: `${orderId}-ordered`, at: orderedAt, type: 'Ordered', data: { orderId, bookId, customerId, qty, price, orderedAt } };
}

export function outOfStockedEvent({ orderId, bookId, customerId, qty, orderedAt }: Order): OrderDomainEvent {
  return { eventId: `${orderId}-outofstocked`, at: orderedAt, type: 'OutOfStocked', data: { orderId, bookId, customerId, qty } };
}

export function orderCancelledEvent({ orderId, bookId, customerId, qty, price }: Order): OrderDomainEvent {
  return { eventId: `${orderId}-cancelled`, type: 'OrderCancelled', data: { orderId, bookId, customerId, qty, price } };
}
