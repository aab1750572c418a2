import type { EventPublisher } from '@bookstore/runtime';
import { CoffeeServed } from '@coffee/contracts';
import type { Counter } from '../../domain/ports';

/** CoffeeServed on the pub/sub, its id derived from the order so a second serve is the same event. */
export class PublishingCounter implements Counter {
  constructor(private readonly events: EventPublisher) {}

  async served(coffee: { orderId: string; menuId: string; qty: number }): Promise<void> {
    await this.events.publish(CoffeeServed, coffee, `${coffee.orderId}-served`);
  }
}
