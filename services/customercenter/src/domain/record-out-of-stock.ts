import type { OutOfStockedEvent } from '@bookstore/contracts';
import { RestockDeps, tellCustomer } from './notify-restock';
import { MyPageNewsDeps, recordMyPageNews } from './record-my-page-news';

/** An OutOfStocked event and when its order failed. */
export interface OutOfStockNews {
  data: OutOfStockedEvent;
  at: string;
}

/**
 * Orders that failed for want of stock: each is learned as waiting for a restock before its
 * MyPage row shows it (a row without it would never be told of the restock). The events of
 * restocks travel on another topic, so a read side catching up may have heard of the restock
 * first: the order is then covered by it, and its customer is told now.
 */
export async function recordOutOfStock(deps: RestockDeps & MyPageNewsDeps, news: OutOfStockNews[]): Promise<void> {
  await Promise.all(
    news.map(async ({ data, at }) => {
      const order = { orderId: data.orderId, bookId: data.bookId, customerId: data.customerId, qty: data.qty };
      const covering = await deps.outOfStock.record(order, at);
      if (!covering) return;
      const title = await deps.notifications.titleOf(order.bookId);
      await tellCustomer(deps, order.bookId, title, covering, { customerId: order.customerId, orderIds: [order.orderId] });
      await deps.live.publish([{ kind: 'notification', customerId: order.customerId }]);
    }),
  );
  await recordMyPageNews(
    deps,
    news.map(({ data, at }) => ({ type: 'OutOfStocked', data, at })),
  );
}
