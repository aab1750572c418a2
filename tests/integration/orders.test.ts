import { admin, registerBook, signUpCustomer, TestCustomer } from '../support/auth';
import { gateway } from '../support/gateway';
import { newKey, placeOrder, postOrder, stockOf } from '../support/orders';

const PROBLEM = /application\/problem\+json/;

let alice: TestCustomer;
let bob: TestCustomer;

beforeAll(async () => {
  [alice, bob] = await Promise.all([signUpCustomer('Alice'), signUpCustomer('Bob')]);
});

describe('POST /orders', () => {
  it('when a customer orders a book in stock, then the answer is 201 Order and the stock is taken', async () => {
    const book = await registerBook({ price: 12_000, stock: 5 });
    const response = await postOrder(alice, { bookId: book.bookId, qty: '2', customerId: alice.customerId });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      orderId: expect.any(String),
      bookId: book.bookId,
      customerId: alice.customerId,
      qty: 2,
      price: 24_000,
      status: 'Ordered',
      orderedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
    });
    expect(await stockOf(book.bookId)).toBe(3);
  });

  it('when stock is short, then the answer is 409 out-of-stock with the orderId, the order is OutOfStocked and no stock is taken', async () => {
    const book = await registerBook({ stock: 1 });
    const response = await postOrder(alice, { bookId: book.bookId, qty: 2 });
    expect(response.status).toBe(409);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body).toMatchObject({ type: expect.stringMatching(/\/out-of-stock$/), orderId: expect.any(String), status: 'OutOfStocked' });
    const stored = await gateway().get(`/orders/${response.body.orderId}`).set('Authorization', alice.bearer);
    expect(stored.body).toMatchObject({ orderId: response.body.orderId, status: 'OutOfStocked', qty: 2 });
    expect(await stockOf(book.bookId)).toBe(1);
  });

  it('when the book does not exist, then the answer is 404', async () => {
    const response = await postOrder(alice, { bookId: 'no-such-book', qty: 1 });
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(PROBLEM);
  });

  it.each([
    [{ qty: 1 }, 'bookId'],
    [{ bookId: 'b', qty: 0 }, 'qty'],
    [{ bookId: 'b', qty: 101 }, 'qty'],
    [{ bookId: 'b', qty: 1.5 }, 'qty'],
    [{ bookId: 'b', qty: 'two' }, 'qty'],
    [{ bookId: 'b', qty: '' }, 'qty'],
  ])('when the body is %j, then the answer is 400 naming %s', async (body, path) => {
    const response = await postOrder(alice, body);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('when there is no token, then the answer is 401', async () => {
    const response = await gateway().post('/orders').send({ bookId: 'b', qty: 1 });
    expect(response.status).toBe(401);
  });

  it('when an admin places an order, then the answer is 403: ordering is for customers', async () => {
    const response = await gateway()
      .post('/orders')
      .set('Authorization', await admin())
      .send({ bookId: 'b', qty: 1, customerId: alice.customerId });
    expect(response.status).toBe(403);
  });

  it('when the body names another customer, then the answer is 403 and nothing is reserved', async () => {
    const book = await registerBook({ stock: 3 });
    const response = await postOrder(alice, { bookId: book.bookId, qty: 1, customerId: bob.customerId });
    expect(response.status).toBe(403);
    expect(await stockOf(book.bookId)).toBe(3);
  });
});

describe('POST /orders with an Idempotency-Key', () => {
  it('when the same key and body come again, then the first 201 is replayed and stock is taken once', async () => {
    const book = await registerBook({ stock: 5 });
    const key = newKey();
    const first = await postOrder(alice, { bookId: book.bookId, qty: 2 }, key);
    const again = await postOrder(alice, { bookId: book.bookId, qty: '2', customerId: alice.customerId }, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await stockOf(book.bookId)).toBe(3);
  });

  it('when the first answer was 409 out of stock, then the same key replays that 409 with the same orderId', async () => {
    const book = await registerBook({ stock: 1 });
    const key = newKey();
    const first = await postOrder(alice, { bookId: book.bookId, qty: 3 }, key);
    const again = await postOrder(alice, { bookId: book.bookId, qty: 3 }, key);
    expect(first.status).toBe(409);
    expect(again.status).toBe(409);
    expect(again.headers['content-type']).toMatch(PROBLEM);
    expect(again.body).toEqual(first.body);
  });

  it('when the same key comes with a different body, then the answer is 422 and nothing more is reserved', async () => {
    const book = await registerBook({ stock: 5 });
    const key = newKey();
    expect((await postOrder(alice, { bookId: book.bookId, qty: 1 }, key)).status).toBe(201);
    const other = await postOrder(alice, { bookId: book.bookId, qty: 2 }, key);
    expect(other.status).toBe(422);
    expect(other.headers['content-type']).toMatch(PROBLEM);
    expect(await stockOf(book.bookId)).toBe(4);
  });

  it('when another customer uses the same key, then they get an order of their own', async () => {
    const book = await registerBook({ stock: 5 });
    const key = newKey();
    const a = await postOrder(alice, { bookId: book.bookId, qty: 1 }, key);
    const b = await postOrder(bob, { bookId: book.bookId, qty: 1 }, key);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.orderId).not.toBe(a.body.orderId);
    expect(b.body.customerId).toBe(bob.customerId);
    expect(await stockOf(book.bookId)).toBe(3);
  });

  it('when five requests with one key arrive at once, then all get the same order and stock is taken once', async () => {
    const book = await registerBook({ stock: 10 });
    const key = newKey();
    const answers = await Promise.all(Array.from({ length: 5 }, () => postOrder(alice, { bookId: book.bookId, qty: 2 }, key)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.orderId)).size).toBe(1);
    expect(await stockOf(book.bookId)).toBe(8);
  });

  it('when the key is malformed, then the answer is 400', async () => {
    const response = await postOrder(alice, { bookId: 'b', qty: 1 }, 'not a key!');
    expect(response.status).toBe(400);
  });
});

describe('GET /orders/{orderId}', () => {
  let orderId: string;
  beforeAll(async () => {
    const book = await registerBook({ stock: 5 });
    orderId = (await placeOrder(alice, book.bookId)).orderId;
  });

  it('when the owner reads the order, then it is 200 Order', async () => {
    const response = await gateway().get(`/orders/${orderId}`).set('Authorization', alice.bearer);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ orderId, customerId: alice.customerId, status: 'Ordered' });
  });

  it('when an admin reads it, then it is 200', async () => {
    expect(
      (
        await gateway()
          .get(`/orders/${orderId}`)
          .set('Authorization', await admin())
      ).status,
    ).toBe(200);
  });

  it('when another customer reads it, then it is 404, as for an order that does not exist', async () => {
    const theirs = await gateway().get(`/orders/${orderId}`).set('Authorization', bob.bearer);
    const missing = await gateway().get('/orders/NO-SUCH-ORDER').set('Authorization', bob.bearer);
    expect(theirs.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(theirs.body.detail).toBe(missing.body.detail);
  });

  it('when there is no token, then it is 401', async () => {
    expect((await gateway().get(`/orders/${orderId}`)).status).toBe(401);
  });
});

describe('GET /orders', () => {
  let carol: TestCustomer;
  let placed: string[];
  beforeAll(async () => {
    carol = await signUpCustomer('Carol');
    const book = await registerBook({ stock: 50 });
    placed = [];
    for (let i = 0; i < 5; i++) placed.push((await placeOrder(carol, book.bookId)).orderId);
  });

  async function readAll(bearer: string, query: Record<string, string | number>, between: () => Promise<void> = async () => undefined): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await gateway()
        .get('/orders')
        .set('Authorization', bearer)
        .query({ ...query, ...(cursor ? { cursor } : {}) });
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(Number(query.limit ?? 50));
      ids.push(...response.body.items.map((o: { orderId: string }) => o.orderId));
      cursor = response.body.nextCursor;
      await between();
    } while (cursor);
    return ids;
  }

  it('when a customer lists orders, then they get only their own, newest first', async () => {
    const response = await gateway().get('/orders').set('Authorization', carol.bearer);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ items: expect.any(Array), nextCursor: null });
    expect(response.body.items.map((o: { orderId: string }) => o.orderId)).toEqual([...placed].reverse());
    expect(response.body.items.every((o: { customerId: string }) => o.customerId === carol.customerId)).toBe(true);
  });

  it('when the list is read two at a time, then pages of 2, 2 and 1 give every order once, newest first', async () => {
    expect(await readAll(carol.bearer, { limit: 2 })).toEqual([...placed].reverse());
  });

  it('when orders are placed between pages, then no row moves between pages', async () => {
    const book = await registerBook({ stock: 10 });
    const before = await readAll(carol.bearer, { limit: 2 }, async () => void (await placeOrder(carol, book.bookId)));
    expect(before.slice(0, 5)).toEqual([...placed].reverse());
    expect(new Set(before).size).toBe(before.length);
  });

  it('when an admin lists with ?customerId=, then that customer’s orders come back', async () => {
    const ids = await readAll(await admin(), { customerId: carol.customerId, limit: 200 });
    expect(ids.slice(-5)).toEqual([...placed].reverse());
  });

  it('when an admin lists without a filter, then everyone’s orders come back, newest first', async () => {
    const response = await gateway()
      .get('/orders')
      .set('Authorization', await admin())
      .query({ limit: 200 });
    expect(response.status).toBe(200);
    const ids: string[] = response.body.items.map((o: { orderId: string }) => o.orderId);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(new Set(response.body.items.map((o: { customerId: string }) => o.customerId)).size).toBeGreaterThan(1);
  });

  it('when a customer names someone else, then the answer is 404 (as for any of their things)', async () => {
    expect((await gateway().get('/orders').set('Authorization', carol.bearer).query({ customerId: alice.customerId })).status).toBe(404);
  });

  it.each([{ limit: 0 }, { limit: 201 }, { limit: 'x' }, { cursor: 'not-a-cursor' }])('when the query is %j, then the answer is 400', async (query) => {
    const response = await gateway().get('/orders').set('Authorization', carol.bearer).query(query);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(PROBLEM);
  });

  it('when there is no token, then the answer is 401', async () => {
    expect((await gateway().get('/orders')).status).toBe(401);
  });
});

describe('POST /orders/{orderId}/cancel', () => {
  it('when the owner cancels, then it is 200 OrderCancelled; cancelling again answers the same and changes nothing', async () => {
    const book = await registerBook({ stock: 5 });
    const order = await placeOrder(alice, book.bookId, 2);
    const first = await gateway().post(`/orders/${order.orderId}/cancel`).set('Authorization', alice.bearer);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ ...order, status: 'OrderCancelled' });
    const again = await gateway().post(`/orders/${order.orderId}/cancel`).set('Authorization', alice.bearer);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect((await gateway().get(`/orders/${order.orderId}`).set('Authorization', alice.bearer)).body.status).toBe('OrderCancelled');
  });

  it('when an admin cancels a customer’s order, then it is cancelled', async () => {
    const book = await registerBook({ stock: 5 });
    const order = await placeOrder(alice, book.bookId);
    const response = await gateway()
      .post(`/orders/${order.orderId}/cancel`)
      .set('Authorization', await admin());
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('OrderCancelled');
  });

  it('when another customer cancels, then it is 404 and the order stays Ordered', async () => {
    const book = await registerBook({ stock: 5 });
    const order = await placeOrder(alice, book.bookId);
    expect((await gateway().post(`/orders/${order.orderId}/cancel`).set('Authorization', bob.bearer)).status).toBe(404);
    expect((await gateway().get(`/orders/${order.orderId}`).set('Authorization', alice.bearer)).body.status).toBe('Ordered');
  });

  it('when the order is OutOfStocked, then cancelling it is 409', async () => {
    const book = await registerBook({ stock: 0 });
    const refused = await postOrder(alice, { bookId: book.bookId, qty: 1 });
    expect(refused.status).toBe(409);
    const response = await gateway().post(`/orders/${refused.body.orderId}/cancel`).set('Authorization', alice.bearer);
    expect(response.status).toBe(409);
    expect(response.headers['content-type']).toMatch(PROBLEM);
  });

  it('when the order does not exist, then it is 404; without a token, 401', async () => {
    expect((await gateway().post('/orders/NO-SUCH-ORDER/cancel').set('Authorization', alice.bearer)).status).toBe(404);
    expect((await gateway().post('/orders/NO-SUCH-ORDER/cancel')).status).toBe(401);
  });
});
