import { applyNews, OrderNews } from './delivery';
import { DeliveryEvents, DeliveryRepository } from './ports';

export interface OrderNewsDeps {
  deliveries: DeliveryRepository;
  events: DeliveryEvents;
  now(): string;
}

export type NewsOutcome = 'done' | 'contended';

/** Ordered and OrderCancelled of one order may be handled at once: each retries on a fresh read. */
const MAX_ATTEMPTS = 3;

/**
 * Takes news of an order into the delivery and says where the delivery stands. The event is
 * published again when nothing changed, since a crash may have come between recording and
 * publishing; its id is the same every time, so subscribers see one event.
 */
export async function hearOrderNews(deps: OrderNewsDeps, news: OrderNews, orderId: string, customerId: string): Promise<NewsOutcome> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const found = await deps.deliveries.get(orderId);
    const step = applyNews(found?.value, news, orderId, customerId, deps.now());
    if (step.changed && !(await deps.deliveries.save(step.delivery, found?.version))) continue;
    await deps.events.announce(step.delivery);
    return 'done';
  }
  return 'contended';
}
