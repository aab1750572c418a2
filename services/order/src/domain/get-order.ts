import type { Caller } from '@bookstore/contracts';
import { canSee, Order } from './order';
import { OrderRepository } from './ports';

/** The order, if the caller may see it; someone else's order is as good as missing. */
export async function getOrder(orders: OrderRepository, caller: Caller, orderId: string): Promise<Order | undefined> {
  const found = await orders.get(orderId);
  return found && canSee(caller, found.value.customerId) ? found.value : undefined;
}
