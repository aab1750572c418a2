import { factsOf, MyPageEvent } from './my-page';
import { LiveFeed, MyPageStore } from './ports';

export interface MyPageNewsDeps {
  myPages: MyPageStore;
  live: LiveFeed;
}

/**
 * What happened to orders (Ordered, OutOfStocked, OrderCancelled, DeliveryStarted,
 * DeliveryCancelled), folded into their MyPage rows in one write, then shown on open pages.
 * Facts merge first-wins, so a redelivered or late event changes nothing it should not.
 */
export async function recordMyPageNews(deps: MyPageNewsDeps, events: MyPageEvent[]): Promise<void> {
  await deps.myPages.record(events.map(factsOf));
  await deps.live.publish(events.map(({ data }) => ({ kind: 'mypage', customerId: data.customerId, orderId: data.orderId })));
}
