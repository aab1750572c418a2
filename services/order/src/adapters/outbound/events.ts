import { EventPublisher, Ordered, OutOfStocked } from '@bookstore/runtime';
import { Order } from '../../domain/order';
import { OrderEvents } from '../../domain/ports';

export class PublishedOrderEvents implements OrderEvents {
  constructor(private readonly publisher: EventPublisher) {}

  async ordered(order: Order): Promise<void> {
    const { orderId, bookId, customerId, qty, price, orderedAt } = order;
    await this.publisher.publish(Ordered, { orderId, bookId, customerId, qty, price, orderedAt });
  }

  async outOfStocked(order: Order): Promise<void> {
    const { orderId, bookId, customerId, qty } = order;
    await this.publisher.publish(OutOfStocked, { orderId, bookId, customerId, qty });
  }
}
