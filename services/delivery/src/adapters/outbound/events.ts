import { DeliveryStarted, EventPublisher } from '@bookstore/runtime';
import { Delivery } from '../../domain/delivery';
import { DeliveryEvents } from '../../domain/ports';

export class PublishedDeliveryEvents implements DeliveryEvents {
  constructor(private readonly publisher: EventPublisher) {}

  async started({ deliveryId, orderId, customerId }: Delivery): Promise<void> {
    // The same id on every republish, so subscribers see one event however often it is sent.
    await this.publisher.publish(DeliveryStarted, { deliveryId, orderId, customerId }, `${deliveryId}-started`);
  }
}
