import { onNews, type News } from './barista';
import type { Counter, CupStore } from './ports';

/**
 * One piece of news about an order: decide, serve if it is time (before saving, so a crash
 * between the two serves again under the same event id, never loses the coffee), then save.
 */
export async function hearNews(store: CupStore, counter: Counter, orderId: string, news: News, coffee?: { menuId: string; qty: number }): Promise<void> {
  const { cup, version } = await store.load(orderId);
  const { next, serve } = onNews(cup, news);
  if (next === cup) return;
  if (serve && coffee) await counter.served({ orderId, ...coffee });
  await store.save(orderId, next, version);
}
