import type { ChargeRequest, OrderStatus } from '@coffee/contracts';
import { decide } from './place-order';
import { OrderError, type OrderEvents, type OrderViews, type Payments } from './ports';
import { statusOf } from './status-view';

export interface OrderDeps {
  payments: Payments;
  views: OrderViews;
  events: OrderEvents;
  newId: () => string;
}

/** Place an order: charge first; only a paid order is placed; a lost answer is compensated by a refund. */
export async function placeOrder(deps: OrderDeps, request: ChargeRequest): Promise<{ orderId: string }> {
  const orderId = deps.newId();
  const decision = decide(await deps.payments.charge(orderId, request));
  if (decision.refund) await deps.payments.refund(orderId).catch(() => undefined);
  if (!decision.place) throw new OrderError(decision.problem ?? 'PAYMENT_UNAVAILABLE');
  await deps.views.hear(orderId, 'placed');
  await deps.events.placed({ orderId, ...request });
  return { orderId };
}

/** Cancel an order: announce it, then refund by orderId (idempotent at the payment actor). */
export async function cancelOrder(deps: OrderDeps, orderId: string): Promise<void> {
  if (!(await deps.views.get(orderId))) throw new OrderError('ORDER_NOT_FOUND');
  await deps.views.hear(orderId, 'cancelled');
  await deps.events.cancelled(orderId);
  await deps.payments.refund(orderId);
}

export async function orderStatus(deps: OrderDeps, orderId: string): Promise<OrderStatus> {
  const facts = await deps.views.get(orderId);
  const status = facts && statusOf(facts);
  if (!status) throw new OrderError('ORDER_NOT_FOUND');
  return status;
}
