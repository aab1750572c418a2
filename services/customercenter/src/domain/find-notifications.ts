import type { Caller } from '@bookstore/contracts';
import type { Page, PageQuery } from '@bookstore/runtime/schema';
import { listOwner } from './list-owner';
import { Notification } from './notifications';
import { CustomerStore, NotificationStore } from './ports';

/** Customer: own. Admin: one named customer's (NewBooks are merged per customer, so there is no everyone's). */
export async function findNotifications(
  deps: { customers: CustomerStore; notifications: NotificationStore },
  caller: Caller,
  customerId: string | undefined,
  query: PageQuery,
): Promise<Page<Notification> | 'not-found' | 'name-required'> {
  const owner = listOwner(caller, customerId, false);
  if (typeof owner === 'string') return owner;
  const id = owner.customerId;
  if (id === undefined) return 'name-required';
  return deps.notifications.list(await deps.customers.get(id), id, query);
}
