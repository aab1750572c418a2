import type { EventPublisher } from '@bookstore/runtime';
import { OrderCancelled, OrderPlaced, type ChargeRequest } from '@coffee/contracts';
import type { OrderEvents } from '../../domain/ports';

export class PublishedOrderEvents implements OrderEvents {
  constructor(private readonly events: EventPublisher) {}

  async placed(order: { orderId: string } & ChargeRequest): Promise<void> {
    await this.events.publish(OrderPlaced, order, `${order.orderId}-placed`);
  }

  async cancelled(orderId: string): Promise<void> {
    await this.events.publish(OrderCancelled, { orderId }, `${orderId}-cancelled`);
  }
}
