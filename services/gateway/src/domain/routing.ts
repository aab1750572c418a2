import { APPS, AppId } from '@bookstore/runtime/contracts';

/** Which service owns each top-level path of the public API. */
const OWNERS: Record<string, AppId> = {
  books: APPS.book,
  customers: APPS.customer,
  auth: APPS.customer,
  orders: APPS.order,
  deliveries: APPS.delivery,
  myPages: APPS.customercenter,
  notifications: APPS.customercenter,
  marketingTargets: APPS.customercenter,
  outOfStockOrders: APPS.customercenter,
};

/** The services behind the gateway, for readiness reports. */
export const UPSTREAMS: AppId[] = [APPS.book, APPS.customer, APPS.order, APPS.delivery, APPS.customercenter];

/** The service that answers `path`, or none (the gateway answers 404). */
export function ownerOf(path: string): AppId | undefined {
  const first = path.split('/')[1] ?? '';
  return Object.prototype.hasOwnProperty.call(OWNERS, first) ? OWNERS[first] : undefined;
}
