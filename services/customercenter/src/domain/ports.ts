import { MyPageFacts } from './my-page';

export interface MyPageStore {
  /** Adds facts to an order's row; facts already known are left as they are. */
  record(facts: MyPageFacts): Promise<void>;
  facts(orderId: string): Promise<MyPageFacts | undefined>;
}
