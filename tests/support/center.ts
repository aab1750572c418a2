import { portPlan } from '../../tools/stack/src';
import { gateway } from './gateway';

/** A notification as the binding's local sink received it (customercenter's Delivery). */
export interface SinkNotification {
  notificationId: string;
  customerId: string;
  kind: string;
  bookId: string;
  recipient?: { name: string; email: string };
}

/** Everything the `notifications` binding handed to the local sink (7010 + BOOKSTORE_PORT_OFFSET). */
export async function sinkReceived(): Promise<SinkNotification[]> {
  const response = await fetch(`http://127.0.0.1:${portPlan().plan.notificationSink}/received`);
  const body = (await response.json()) as { items: Array<{ notifications?: SinkNotification[] }> };
  return body.items.flatMap((item) => item.notifications ?? []);
}

/** Every page of a list, following nextCursor. */
export async function allPages<T>(path: string, bearer: string, query: Record<string, string | number> = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const response = await gateway()
      .get(path)
      .set('Authorization', bearer)
      .query({ ...query, ...(cursor ? { cursor } : {}) });
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    items.push(...(response.body.items as T[]));
    cursor = response.body.nextCursor as string | null;
  } while (cursor);
  return items;
}
