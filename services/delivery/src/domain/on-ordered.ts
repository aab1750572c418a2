import { startDelivery } from './delivery';
import { DeliveryEvents, DeliveryRepository } from './ports';

export interface OnOrderedDeps {
  deliveries: DeliveryRepository;
  events: DeliveryEvents;
  now(): string;
}

/**
 * An order was placed: start its delivery and say so. The event is published again when
 * the delivery already exists, since a crash may have come between recording and publishing;
 * subscribers dedupe it by its id, which is the same every time.
 */
export async function onOrdered(deps: OnOrderedDeps, orderId: string, customerId: string): Promise<void> {
  const outcome = startDelivery(await deps.deliveries.get(orderId), orderId, customerId, deps.now());
  if (outcome.kind === 'started') await deps.deliveries.save(outcome.delivery);
  if (outcome.delivery.status === 'DeliveryStarted') await deps.events.started(outcome.delivery);
}
