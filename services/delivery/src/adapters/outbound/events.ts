import { EventPublisher } from '@bookstore/runtime';
import { DeliveryCancelled, DeliveryStarted } from '@bookstore/contracts';
import { Delivery } from '../../domain/delivery';
import { DeliveryEvents } from '../../domain/ports';

/** The same id on every republish, so subscribers see one event however often it is sent. */
function announcement({ deliveryId, orderId, customerId, status }: Delivery) {
  const suffix = status === 'DeliveryStarted' ? 'started' : 'cancelled';
  return { data: { deliveryId, orderId, customerId }, eventId: `${deliveryId}-${suffix}` };
}

export class PublishedDeliveryEvents implements DeliveryEvents {
  constructor(private readonly publisher: EventPublisher) {}

  async announce(delivery: Delivery): Promise<void> {
    await this.announceMany([delivery]);
  }

  /** One bulk publish per status: a batch of news costs two calls at most, not one per delivery. */
  async announceMany(deliveries: Delivery[]): Promise<void> {
    const started = deliveries.filter((d) => d.status === 'DeliveryStarted').map(announcement);
    const cancelled = deliveries.filter((d) => d.status === 'DeliveryCancelled').map(announcement);
    await Promise.all([
      started.length > 0 ? this.publisher.publishMany(DeliveryStarted, started) : undefined,
      cancelled.length > 0 ? this.publisher.publishMany(DeliveryCancelled, cancelled) : undefined,
    ]);
  }
}
