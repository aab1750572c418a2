import { randomUUID } from 'node:crypto';
import { TestCustomer } from './auth';
import { gateway } from './gateway';

/** POST /orders as `customer`, with an Idempotency-Key when given. */
export function postOrder(customer: TestCustomer, body: Record<string, unknown>, idempotencyKey?: string) {
  const request = gateway().post('/orders').set('Authorization', customer.bearer);
  if (idempotencyKey) request.set('Idempotency-Key', idempotencyKey);
  return request.send(body);
}

/** Places an order that must succeed (201) and answers it. */
export async function placeOrder(
  customer: TestCustomer,
  bookId: string,
  qty = 1,
): Promise<{ orderId: string; customerId: string; bookId: string; qty: number; price: number; status: string }> {
  const response = await postOrder(customer, { bookId, qty });
  if (response.status !== 201) throw new Error(`order failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function stockOf(bookId: string): Promise<number> {
  return (await gateway().get(`/books/${bookId}`)).body.stock as number;
}

export const newKey = (): string => `k-${randomUUID()}`;
