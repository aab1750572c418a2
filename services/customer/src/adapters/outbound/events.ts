import { EventPublisher } from '@bookstore/runtime';
import { CustomerRegistered, CustomerRegisteredEvent } from '@bookstore/contracts';
import { CustomerEvents } from '../../domain/ports';

export class PublishedCustomerEvents implements CustomerEvents {
  constructor(private readonly publisher: EventPublisher) {}

  async registered(event: CustomerRegisteredEvent): Promise<void> {
    // One id per customer: a retried sign-up republishes the same event, seen once.
    await this.publisher.publish(CustomerRegistered, event, `${event.customerId}-registered`);
  }
}
