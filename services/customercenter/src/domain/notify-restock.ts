import { Notification } from './notifications';
import { LiveFeed, NotificationStore, OutOfStockStore } from './ports';
import { CoveringRestock, Restock, restockedNotification, restockTargets, RestockTarget } from './restock';

export interface RestockDeps {
  outOfStock: OutOfStockStore;
  notifications: NotificationStore;
  live: LiveFeed;
}

/**
 * A book was restocked (StockIncreased): each customer whose out-of-stock orders for it were
 * still waiting is told once, and those orders count as notified. Two steps: the claim
 * (atomic in the store) takes the pending orders under the event's id; then each customer's
 * notification is stored, by an id derived from the restock, and their orders marked. A
 * redelivery (say after a crash between the steps) gets the same claim back and completes
 * what is missing; what exists already is neither stored nor sent again.
 */
export async function notifyRestock(deps: RestockDeps, restock: Restock): Promise<Notification[]> {
  const claim = await deps.outOfStock.claimPending(restock);
  const targets = restockTargets(claim.orders);
  if (targets.length === 0) return [];
  const title = await deps.notifications.titleOf(restock.bookId);
  const sent: Notification[] = [];
  for (const target of targets) sent.push(await tellCustomer(deps, restock.bookId, title, claim, target));
  await deps.live.publish(sent.map((n) => ({ kind: 'notification', customerId: n.customerId })));
  return sent;
}

/** Stores one customer's Restocked notification and marks the orders it covers. */
export async function tellCustomer(
  deps: Omit<RestockDeps, 'live'>,
  bookId: string,
  title: string | undefined,
  restock: CoveringRestock,
  target: RestockTarget,
): Promise<Notification> {
  const notification = restockedNotification(bookId, title, restock, target.customerId);
  await deps.notifications.store(notification);
  await deps.outOfStock.markNotified(target.orderIds, notification);
  return notification;
}
