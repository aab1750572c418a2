import type { Page } from '@bookstore/runtime/schema';
import type { Caller } from '@bookstore/contracts';
import { Order } from './order';
import { OrderRepository } from './ports';

export interface ListOrdersInput {
  customerId?: string;
  limit: number;
  cursor?: string;
}

export type ListOrdersResult = { kind: 'page'; page: Page<Order> } | { kind: 'not-visible' } | { kind: 'bad-cursor' };

/**
 * A customer lists their own orders (naming someone else is reading what is not theirs: not visible, as API.md answers it with 404);
 * an admin lists everyone's, or one customer's with `customerId`.
 */
export async function listOrders(orders: OrderRepository, caller: Caller, input: ListOrdersInput): Promise<ListOrdersResult> {
  if (caller.role === 'customer' && input.customerId !== undefined && input.customerId !== caller.id) return { kind: 'not-visible' };
  const customerId = caller.role === 'customer' ? caller.id : input.customerId;
  const page = await orders.list({
    limit: input.limit,
    ...(customerId !== undefined ? { customerId } : {}),
    ...(input.cursor !== undefined ? { cursor: input.cursor } : {}),
  });
  return page === 'bad-cursor' ? { kind: 'bad-cursor' } : { kind: 'page', page };
}
