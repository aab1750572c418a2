import { hearOrderNews, NewsOutcome, OrderNewsDeps } from './hear-order-news';

/**
 * An order was cancelled: cancel its delivery. If this comes before `Ordered`, the
 * cancellation is recorded anyway, so the late `Ordered` starts nothing.
 */
export function onOrderCancelled(deps: OrderNewsDeps, orderId: string, customerId: string): Promise<NewsOutcome> {
  return hearOrderNews(deps, 'OrderCancelled', orderId, customerId);
}
