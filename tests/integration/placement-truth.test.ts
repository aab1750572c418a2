import { DEADLINE_HEADER } from '@bookstore/runtime';
import { CALLER_ID_HEADER, CALLER_ROLE_HEADER } from '@bookstore/contracts';
import { appTokenHeader, portPlan, readCredentials } from '../../tools/stack/src';
import { registerBook, signUpCustomer, TestCustomer } from '../support/auth';
import { gateway } from '../support/gateway';
import { placeOrder, stockOf } from '../support/orders';

const ports = () => portPlan().plan.services;

/** What the order service tells a book asking about an order, through the book's own sidecar (as the book asks). */
async function fateAskedByTheBook(orderId: string): Promise<unknown> {
  const url = `http://127.0.0.1:${ports().book.http}/v1.0/invoke/order/method/internal/orders/${orderId}/fate`;
  const response = await fetch(url, { headers: { 'dapr-api-token': readCredentials().apps.book.daprApiToken } });
  return response.json();
}

/** A placement sent to the order app itself, as its sidecar would deliver one from the gateway. */
function placeDirectly(customer: TestCustomer, bookId: string, headers: Record<string, string>) {
  return fetch(`http://127.0.0.1:${ports().order.app}/orders`, {
    method: 'POST',
    headers: {
      ...appTokenHeader(readCredentials(), 'order'),
      'content-type': 'application/json',
      [CALLER_ID_HEADER]: customer.customerId,
      [CALLER_ROLE_HEADER]: 'customer',
      ...headers,
    },
    body: JSON.stringify({ bookId, qty: 1 }),
  });
}

describe("an order's fate, as a book holding copies asks it", () => {
  let customer: TestCustomer;
  beforeAll(async () => {
    customer = await signUpCustomer('Fate');
  });

  it('when the order is placed, then the book hears Ordered', async () => {
    const book = await registerBook({ stock: 2 });
    const order = await placeOrder(customer, book.bookId);
    expect(await fateAskedByTheBook(order.orderId)).toEqual({ orderId: order.orderId, fate: 'Ordered' });
  });

  it('when the order service has no record of the order, then asking fails it for good: Failed, and Failed again', async () => {
    const orderId = `never${Date.now()}`;
    expect(await fateAskedByTheBook(orderId)).toEqual({ orderId, fate: 'Failed' });
    expect(await fateAskedByTheBook(orderId)).toEqual({ orderId, fate: 'Failed' });
    // A failed placement is no order: the API does not show it.
    const read = await gateway().get(`/orders/${orderId}`).set('Authorization', customer.bearer);
    expect(read.status).toBe(404);
  });
});

describe("the caller's deadline", () => {
  let customer: TestCustomer;
  beforeAll(async () => {
    customer = await signUpCustomer('Deadline');
  });

  it('when a client sends a deadline header of its own, then the gateway does not pass it on: the order is placed', async () => {
    const book = await registerBook({ stock: 1 });
    const order = await gateway().post('/orders').set('Authorization', customer.bearer).set(DEADLINE_HEADER, '1').send({ bookId: book.bookId, qty: 1 });
    expect(order.status).toBe(201);
  });

  it('when a placement reaches the order service after its deadline, then it is refused (503 overloaded, Retry-After) and nothing is taken', async () => {
    const book = await registerBook({ stock: 3 });
    const response = await placeDirectly(customer, book.bookId, { [DEADLINE_HEADER]: String(Date.now() - 1) });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await response.json()) as { type: string }).type).toMatch(/\/overloaded$/);
    expect(await stockOf(book.bookId)).toBe(3);
  });

  it('when a placement reaches the order service in time, then it is placed', async () => {
    const book = await registerBook({ stock: 3 });
    const response = await placeDirectly(customer, book.bookId, { [DEADLINE_HEADER]: String(Date.now() + 3_000) });
    expect(response.status).toBe(201);
    expect(await stockOf(book.bookId)).toBe(2);
  });
});
