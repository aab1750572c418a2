import { admin } from '../support/auth';
import { eventually, gateway } from '../support/gateway';

describe('placing an order through the gateway, on real sidecars', () => {
  it('when every service is ready, then the gateway reports each of them ready', async () => {
    const response = await gateway().get('/readyz');
    expect(response.status).toBe(200);
    expect(response.body.services).toEqual({
      book: 'ready',
      customer: 'ready',
      order: 'ready',
      delivery: 'ready',
      customercenter: 'ready',
    });
  });

  it('when a book with stock is ordered, then stock is taken and MyPage reaches DeliveryStarted', async () => {
    const book = await gateway().post('/books').set('Authorization', await admin()).send({ title: 'Domain-Driven Design', author: 'Eric Evans', price: 42000, stock: 3 });
    expect(book.status).toBe(201);
    expect(book.body).toMatchObject({ title: 'Domain-Driven Design', price: 42000, stock: 3 });
    const bookId: string = book.body.bookId;

    const order = await gateway().post('/orders').send({ bookId, qty: '2', customerId: 'c-slice' });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({ bookId, customerId: 'c-slice', qty: 2, price: 84000, status: 'Ordered' });
    const orderId: string = order.body.orderId;

    const stored = await gateway().get(`/orders/${orderId}`);
    expect(stored.status).toBe(200);
    expect(stored.body).toEqual(order.body);

    const after = await gateway().get(`/books/${bookId}`);
    expect(after.body.stock).toBe(1);

    const myPage = await eventually(
      () => gateway().get(`/myPages/${orderId}`),
      (r) => r.status === 200 && r.body.status === 'DeliveryStarted',
    );
    expect(myPage.status).toBe(200);
    expect(myPage.body).toMatchObject({ orderId, customerId: 'c-slice', bookId, qty: 2, price: 84000, status: 'DeliveryStarted' });
    expect(myPage.body.deliveryId).toEqual(expect.any(String));

    const deliveries = await gateway().get('/deliveries').query({ orderId });
    expect(deliveries.status).toBe(200);
    expect(deliveries.body.items).toEqual([expect.objectContaining({ orderId, status: 'DeliveryStarted' })]);
  });

  it('when more copies are ordered than are in stock, then the order is OutOfStocked (409) and no stock is taken', async () => {
    const book = await gateway().post('/books').set('Authorization', await admin()).send({ title: 'Scarce', price: 1000, stock: 1 });
    const bookId: string = book.body.bookId;
    const order = await gateway().post('/orders').send({ bookId, qty: 2, customerId: 'c-slice' });
    expect(order.status).toBe(409);
    expect(order.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(order.body).toMatchObject({ status: 'OutOfStocked', type: expect.stringMatching(/out-of-stock$/) });
    expect((await gateway().get(`/books/${bookId}`)).body.stock).toBe(1);
  });

  it('when the book does not exist, then ordering it is 404 and nothing is recorded', async () => {
    const order = await gateway().post('/orders').send({ bookId: 'no-such-book', qty: 1, customerId: 'c-slice' });
    expect(order.status).toBe(404);
    expect(order.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('when the body is invalid, then the answer is 400 naming each bad field', async () => {
    const order = await gateway().post('/orders').send({ bookId: 'x', qty: 'two' });
    expect(order.status).toBe(400);
    expect(order.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['customerId', 'qty']);
  });

  it('when a response comes back, then it carries a W3C traceparent', async () => {
    const response = await gateway().get('/books/anything');
    expect(response.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
  });
});
