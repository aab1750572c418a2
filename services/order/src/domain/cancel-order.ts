import type { Caller } from '@bookstore/contracts';
import { orderCancelledEvent } from './events';
import { canSee, Order, transition } from './order';
import { EventDispatch, OrderRepository } from './ports';

export type CancelOrderResult = { kind: 'cancelled'; order: Order } | { kind: 'not-found' } | { kind: 'not-cancellable'; order: Order };

export interface CancelOrderDeps {
  orders: OrderRepository;
  events: EventDispatch;
}

/** Two cancels racing on one order: each retries on a fresh read, and only one commits the change. */
const MAX_ATTEMPTS = 5;

/**
 * Cancels an order for its owner or an admin. A cancelled order stays cancelled and
 * answers the same again without a second event; an OutOfStocked order took no stock,
 * so it cannot be cancelled. The book gives the stock back when it hears OrderCancelled.
 */
export async function cancelOrder(deps: CancelOrderDeps, caller: Caller, orderId: string): Promise<CancelOrderResult> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const found = await deps.orders.get(orderId);
    if (!found || !canSee(caller, found.value.customerId)) return { kind: 'not-found' };
    const next = transition(found.value.status, 'cancel');
    if (!next.ok) return { kind: 'not-cancellable', order: found.value };
    if (!next.changed) return { kind: 'cancelled', order: found.value };

    const cancelled: Order = { ...found.value, status: next.to };
    const events = [orderCancelledEvent(cancelled)];
    if (await deps.orders.commit({ order: cancelled, expectedVersion: found.version, events })) {
      await deps.events.dispatch(events);
      return { kind: 'cancelled', order: cancelled };
    }
  }
  throw new Error(`order ${orderId} kept changing while being cancelled`);
}
