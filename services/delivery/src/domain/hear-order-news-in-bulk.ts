import { applyNews, Delivery, OrderNews } from './delivery';
import { hearOrderNews, NewsOutcome, OrderNewsDeps } from './hear-order-news';

export interface NewsItem {
  orderId: string;
  customerId: string;
}

/**
 * Takes a batch of one kind of news in three calls (read all, write all, announce all)
 * instead of three per order. Each order's step is the same as `hearOrderNews` takes; if any
 * write loses a race, the batch is taken again order by order, which is safe because news
 * applied twice changes nothing the second time. Answers one outcome per item.
 */
export async function hearOrderNewsInBulk(deps: OrderNewsDeps, news: OrderNews, items: NewsItem[]): Promise<NewsOutcome[]> {
  const orderIds = [...new Set(items.map((i) => i.orderId))];
  const found = await deps.deliveries.getMany(orderIds);
  const now = deps.now();
  const steps = new Map<string, { delivery: Delivery; changed: boolean; version?: string }>();
  for (const item of items) {
    if (steps.has(item.orderId)) continue; // the same news twice in one batch: a redelivery
    const current = found.get(item.orderId);
    const step = applyNews(current?.value, news, item.orderId, item.customerId, now);
    steps.set(item.orderId, { ...step, ...(current ? { version: current.version } : {}) });
  }
  const changes = [...steps.values()].filter((s) => s.changed).map((s) => ({ delivery: s.delivery, ...(s.version ? { expectedVersion: s.version } : {}) }));
  if (changes.length > 0 && !(await deps.deliveries.saveMany(changes))) {
    return Promise.all(items.map((item) => hearOrderNews(deps, news, item.orderId, item.customerId)));
  }
  await deps.events.announceMany([...steps.values()].map((s) => s.delivery));
  return items.map(() => 'done');
}
