import { DeliveryCancelled, DeliveryStarted, EventPublisher } from '@bookstore/runtime';
import { Delivery } from '../../domain/delivery';
import { DeliveryEvents } from '../../domain/ports';

export class PublishedDeliveryEvents implements DeliveryEvents {
  constructor(private readonly publisher: EventPublisher) {}

  async announce({ deliveryId, orderId, customerId, status }: Delivery): Promise<void> {
    // The same id on every republish, so subscribers see one event however often it is sent.
    if (status === 'DeliveryStarted') {
      await this.publisher.publish(DeliveryStarted, { deliveryId, orderId, customerId }, `${deliveryId}-started`);
    } else {
      await this.publisher.publish(DeliveryCancelled, { deliveryId, orderId, customerId }, `${deliveryId}-cancelled`);
    }
  }
}
