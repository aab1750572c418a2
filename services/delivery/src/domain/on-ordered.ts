import { hearOrderNews, NewsOutcome, OrderNewsDeps } from './hear-order-news';

/** An order was placed: start its delivery, unless the order was already cancelled. */
export function onOrdered(deps: OrderNewsDeps, orderId: string, customerId: string): Promise<NewsOutcome> {
  return hearOrderNews(deps, 'Ordered', orderId, customerId);
}
