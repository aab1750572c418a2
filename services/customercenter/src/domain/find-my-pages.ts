import type { Caller } from '@bookstore/contracts';
import type { Page, PageQuery } from '@bookstore/runtime/schema';
import { listOwner, mayRead } from './list-owner';
import { MyPage, myPageOf } from './my-page';
import { MyPageStore } from './ports';

/** Customer: own rows. Admin: one customer's, or everyone's when none is named. */
export async function listMyPages(myPages: MyPageStore, caller: Caller, customerId: string | undefined, query: PageQuery): Promise<Page<MyPage> | 'not-found'> {
  const owner = listOwner(caller, customerId, true);
  if (typeof owner === 'string') return 'not-found';
  return myPages.list(owner.customerId, query);
}

/** One order's row; someone else's is as unknown to a customer as one never heard of. */
export async function findMyPage(myPages: MyPageStore, caller: Caller, orderId: string): Promise<MyPage | 'not-found'> {
  const facts = await myPages.facts(orderId);
  const row = facts && myPageOf(facts);
  return row && mayRead(caller, row.customerId) ? row : 'not-found';
}
