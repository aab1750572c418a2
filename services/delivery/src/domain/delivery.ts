import type { Caller } from '@bookstore/contracts';

export type DeliveryStatus = 'DeliveryStarted' | 'DeliveryCancelled';

export interface Delivery {
  deliveryId: string;
  orderId: string;
  customerId: string;
  status: DeliveryStatus;
  updatedAt: string;
}

/** What delivery hears about an order. */
export type OrderNews = 'Ordered' | 'OrderCancelled';

/**
 * One delivery per order, so its id follows from the order's: every replica and every
 * redelivery of `Ordered` names the same delivery, and none can start a second one.
 */
export function deliveryIdFor(orderId: string): string {
  return `D${orderId}`;
}

/**
 * Where a delivery goes on news of its order, whatever order the news comes in:
 * a cancellation always wins, and an `Ordered` heard after it starts nothing. `changed`
 * false means the news was already taken into account (a redelivery, or late news).
 */
const NEXT: Record<DeliveryStatus | 'None', Record<OrderNews, { to: DeliveryStatus; changed: boolean }>> = {
  None: { Ordered: { to: 'DeliveryStarted', changed: true }, OrderCancelled: { to: 'DeliveryCancelled', changed: true } },
  DeliveryStarted: { Ordered: { to: 'DeliveryStarted', changed: false }, OrderCancelled: { to: 'DeliveryCancelled', changed: true } },
  DeliveryCancelled: { Ordered: { to: 'DeliveryCancelled', changed: false }, OrderCancelled: { to: 'DeliveryCancelled', changed: false } },
};

export interface Step {
  delivery: Delivery;
  /** Whether the delivery must be (re)written; when false, the stored one stands as it is. */
  changed: boolean;
}

export function applyNews(existing: Delivery | undefined, news: OrderNews, orderId: string, customerId: string, now: string): Step {
  const { to, changed } = NEXT[existing?.status ?? 'None'][news];
  if (!changed && existing) return { delivery: existing, changed: false };
  return {
    delivery: { deliveryId: deliveryIdFor(orderId), orderId, customerId: existing?.customerId ?? customerId, status: to, updatedAt: now },
    changed: true,
  };
}

/** The order's owner and admins see its delivery; for anyone else it does not exist. */
export function canSee(caller: Caller, delivery: Delivery): boolean {
  return caller.role === 'admin' || caller.id === delivery.customerId;
}
