export type DeliveryStatus = 'DeliveryStarted' | 'DeliveryCancelled';

export interface Delivery {
  deliveryId: string;
  orderId: string;
  customerId: string;
  status: DeliveryStatus;
  updatedAt: string;
}

/**
 * One delivery per order, so its id follows from the order's: every replica and every
 * redelivery of `Ordered` names the same delivery, and none can start a second one.
 */
export function deliveryIdFor(orderId: string): string {
  return `D${orderId}`;
}

export type StartOutcome = { kind: 'started'; delivery: Delivery } | { kind: 'unchanged'; delivery: Delivery };

/** Starts the order's delivery, unless one is already recorded (a redelivered `Ordered`). */
export function startDelivery(existing: Delivery | undefined, orderId: string, customerId: string, now: string): StartOutcome {
  if (existing) return { kind: 'unchanged', delivery: existing };
  return {
    kind: 'started',
    delivery: { deliveryId: deliveryIdFor(orderId), orderId, customerId, status: 'DeliveryStarted', updatedAt: now },
  };
}
