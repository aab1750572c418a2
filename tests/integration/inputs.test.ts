import { randomUUID } from 'node:crypto';
import { portPlan, readCredentials } from '../../tools/stack/src';
import { admin, registerBook, signUpCustomer, TestCustomer } from '../support/auth';
import { gateway } from '../support/gateway';

/** Odd ids and values that must never reach a 5xx. Each is sent as it is written here (already encoded). */
const ODD_IDS = ['%00', '%0A', '%20', '%E2%80%AE', '%C3%A9', '..%2F', '%25', '%FF', `${'x'.repeat(65)}`, '%27%20OR%201%3D1'];

function expectProblem(response: { status: number; headers: Record<string, string>; body: unknown }, statuses: number[]): void {
  expect({ status: response.status, type: response.headers['content-type'] }).toEqual({
    status: statuses.includes(response.status) ? response.status : `one of ${statuses.join(', ')}`,
    type: expect.stringMatching(/^application\/problem\+json/),
  });
}

let customer: TestCustomer;
let adminBearer: string;
beforeAll(async () => {
  customer = await signUpCustomer('Input Tester');
  adminBearer = await admin();
});

describe('odd ids and query values answer 4xx problem+json, never 5xx', () => {
  it.each(ODD_IDS)('when GET /books/%s is asked, then it is 400 or 404', async (id) => {
    expectProblem(await gateway().get(`/books/${id}`), [400, 404]);
  });

  it.each(ODD_IDS)('when a customer asks GET /orders/%s, then it is 400 or 404', async (id) => {
    expectProblem(await gateway().get(`/orders/${id}`).set('Authorization', customer.bearer), [400, 404]);
  });

  it.each(ODD_IDS)('when a customer asks POST /orders/%s/cancel, then it is 400 or 404', async (id) => {
    expectProblem(await gateway().post(`/orders/${id}/cancel`).set('Authorization', customer.bearer), [400, 404]);
  });

  it.each(ODD_IDS)('when a customer asks GET /myPages/%s, then it is 400 or 404', async (id) => {
    expectProblem(await gateway().get(`/myPages/${id}`).set('Authorization', customer.bearer), [400, 404]);
  });

  it.each(ODD_IDS)('when a customer asks GET /customers/%s, then it is 400 or 404', async (id) => {
    expectProblem(await gateway().get(`/customers/${id}`).set('Authorization', customer.bearer), [400, 404]);
  });

  it.each([
    ['/orders?customerId=%00', 'admin'],
    ['/orders?cursor=%00', 'customer'],
    ['/orders?limit=1e3', 'customer'],
    ['/myPages?customerId=%00', 'admin'],
    ['/myPages?cursor=%E2%80%AE', 'customer'],
    ['/notifications?customerId=%0A', 'admin'],
    ['/outOfStockOrders?bookId=%00', 'admin'],
    ['/outOfStockOrders?bookId=', 'admin'],
    ['/outOfStockOrders?bookId=a&bookId=b', 'admin'],
    ['/marketingTargets?cursor=%00', 'admin'],
    ['/deliveries?orderId=%00', 'customer'],
    ['/deliveries?orderId=', 'customer'],
    ['/books?cursor=%00', 'anonymous'],
    ['/books?q=%00', 'anonymous'],
    ['/books?q=%E2%80%AEtxt', 'anonymous'],
    ['/books?limit=-1', 'anonymous'],
  ])('when %s is asked by %s, then it is 400', async (path, who) => {
    const call = gateway().get(path);
    if (who === 'admin') call.set('Authorization', adminBearer);
    if (who === 'customer') call.set('Authorization', customer.bearer);
    expectProblem(await call, [400]);
  });

  it('when an order names a book id like %00, then it is 400 and no order is placed', async () => {
    const response = await gateway().post('/orders').set('Authorization', customer.bearer).send({ bookId: '\u0000', qty: 1 });
    expectProblem(response, [400]);
  });
});

describe('names and titles refuse control and bidi characters', () => {
  it.each([
    ['a right-to-left override', `Invoice \u202Egpj.exe`],
    ['NUL', 'Dune\u0000'],
    ['a newline', 'Dune\nPart Two'],
    ['an ANSI escape', '\u001b[31mDune'],
    ['a zero-width space', 'Du\u200Bne'],
  ])('when a book title holds %s, then POST /books is 400 and no book is registered', async (_why, title) => {
    const marker = `m${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const response = await gateway()
      .post('/books')
      .set('Authorization', adminBearer)
      .send({ title: `${marker} ${title}`, author: 'A', price: 1000, stock: 1 });
    expectProblem(response, [400]);
    expect((response.body as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(['title']);
    const listed = await gateway().get('/books').query({ q: marker });
    expect(listed.body.items).toEqual([]);
  });

  it('when an author holds a bidi isolate, then POST /books is 400', async () => {
    const response = await gateway().post('/books').set('Authorization', adminBearer).send({ title: 'T', author: 'A\u2066B', price: 1000 });
    expectProblem(response, [400]);
  });

  it('when a title is written decomposed, then it is kept in NFC', async () => {
    const response = await gateway().post('/books').set('Authorization', adminBearer).send({ title: 'Cafe\u0301 Society', author: 'A', price: 1000 });
    expect(response.status).toBe(201);
    expect(response.body.title).toBe('Caf\u00e9 Society');
  });

  it('when a price times the largest quantity would not be a safe integer, then POST /books is 400', async () => {
    const response = await gateway()
      .post('/books')
      .set('Authorization', adminBearer)
      .send({ title: 'T', author: 'A', price: 2 ** 53 });
    expectProblem(response, [400]);
  });

  it.each([
    ['a control character', 'Ann\u0007'],
    ['a bidi override', '\u202Enna'],
  ])('when a sign-up name holds %s, then POST /customers is 400', async (_why, name) => {
    const response = await gateway()
      .post('/customers')
      .send({ name, email: `c-${randomUUID()}@example.com`, password: 'correct horse battery' });
    expectProblem(response, [400]);
  });
});

describe('the password hash never leaves the customer service', () => {
  it('when a customer reads their profile and logs in, then no answer carries a hash', async () => {
    const profile = await gateway().get(`/customers/${customer.customerId}`).set('Authorization', customer.bearer);
    expect(profile.status).toBe(200);
    expect(Object.keys(profile.body).sort()).toEqual(['customerId', 'email', 'grade', 'mileage', 'name', 'purchased']);
    const login = await gateway().post('/auth/login').send({ email: customer.email, password: customer.password });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({ token: expect.any(String), role: 'customer', customerId: customer.customerId });
    expect(JSON.stringify([profile.body, login.body])).not.toMatch(/scrypt|passwordHash/);
    const wrong = await gateway().post('/auth/login').send({ email: customer.email, password: 'wrong horse battery' });
    expect(wrong.status).toBe(401);
  });
});

/**
 * The book's sidecar with the book's own Dapr API token (as if that token had leaked): it is
 * the actor itself that must refuse a bad body, not the sidecar.
 */
function bookSidecarHeaders(): Record<string, string> {
  return { 'content-type': 'application/json', 'dapr-api-token': readCredentials().apps.book.daprApiToken };
}

describe('the BookActor refusing a bad body from a direct caller', () => {
  // Dapr's actor API has no 4xx of its own: it answers a method's 400 as 500
  // ERR_ACTOR_INVOKE_METHOD carrying "(400)" and the actor's problem. What matters is that
  // the actor, not the caller, decides: the body is refused and nothing is stored.
  it('when restock is called on the book sidecar with a negative quantity, then the actor refuses it (400) and the stock is unchanged', async () => {
    const book = await registerBook({ stock: 7 });
    const url = `http://127.0.0.1:${portPlan().plan.services.book.http}/v1.0/actors/BookActor/${book.bookId}/method/restock`;
    const response = await fetch(url, { method: 'PUT', headers: bookSidecarHeaders(), body: JSON.stringify({ restockId: `r${Date.now()}`, qty: -1000 }) });
    const body = await response.text();
    expect({ ok: response.ok, refusedByTheActor: body.includes('(400)') && body.includes('BookActor.restock body is not valid') }).toEqual({
      ok: false,
      refusedByTheActor: true,
    });
    const read = await gateway().get(`/books/${book.bookId}`);
    expect(read.body.stock).toBe(7);
  });

  it('when reserve is called with a negative quantity (which would add copies), then the actor refuses it and the stock is unchanged', async () => {
    const book = await registerBook({ stock: 3 });
    const url = `http://127.0.0.1:${portPlan().plan.services.book.http}/v1.0/actors/BookActor/${book.bookId}/method/reserve`;
    const response = await fetch(url, { method: 'PUT', headers: bookSidecarHeaders(), body: JSON.stringify({ orderId: `o${Date.now()}`, qty: -50 }) });
    expect({ ok: response.ok, refusedByTheActor: (await response.text()).includes('(400)') }).toEqual({ ok: false, refusedByTheActor: true });
    expect((await gateway().get(`/books/${book.bookId}`)).body.stock).toBe(3);
  });
});
