import type { Caller } from '@bookstore/contracts';
import { canSee, Delivery } from './delivery';
import { DeliveryRepository } from './ports';

/**
 * The deliveries of an order (there is at most one). A customer sees only their own; since
 * delivery learns the owner from the order's events, an order it has not heard of yet is
 * as unknown to a customer as someone else's: not found, so nothing leaks. An admin gets the
 * list, empty or not.
 */
export async function findDeliveries(deliveries: DeliveryRepository, caller: Caller, orderId: string): Promise<Delivery[] | 'not-found'> {
  const found = await deliveries.get(orderId);
  if (caller.role === 'admin') return found ? [found.value] : [];
  return found && canSee(caller, found.value) ? [found.value] : 'not-found';
}
