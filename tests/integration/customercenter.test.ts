import { randomUUID } from 'node:crypto';
import { publisherSidecars } from '../../tools/stack/src/deadletters';
import { portPlan, readCredentials } from '../../tools/stack/src';
import { admin, registerBook, signUpCustomer, TestCustomer } from '../support/auth';
import { allPages, sinkReceived } from '../support/center';
import { eventually, gateway } from '../support/gateway';

interface Notification {
  notificationId: string;
  customerId: string;
  kind: 'NewBook' | 'Restocked';
  bookId: string;
  message: string;
  createdAt: string;
}

const notificationsOf = (customer: TestCustomer) => allPages<Notification>('/notifications', customer.bearer, { limit: 200 });
const about = (bookId: string, kind: Notification['kind']) => (n: Notification) => n.bookId === bookId && n.kind === kind;

async function order(customer: TestCustomer, bookId: string, qty: number) {
  return gateway().post('/orders').set('Authorization', customer.bearer).send({ bookId, qty, customerId: customer.customerId });
}

async function restock(bookId: string, stock: number) {
  const response = await gateway()
    .patch('/books/reStock')
    .set('Authorization', await admin())
    .send({ bookId, stock });
  if (response.status !== 200) throw new Error(`restock failed: ${response.status} ${JSON.stringify(response.body)}`);
}

/** Waits until the read side knows the customer (CustomerRegistered has been handled). */
async function known(customer: TestCustomer): Promise<void> {
  const targets = await eventually(
    async () => allPages<{ customerId: string }>('/marketingTargets', await admin(), { limit: 200 }),
    (rows) => rows.some((r) => r.customerId === customer.customerId),
  );
  expect(targets.map((r) => r.customerId)).toContain(customer.customerId);
}

describe('MyPage through the gateway', () => {
  it('when a customer orders, then they and an admin read the row, another customer gets 404 and nobody without a token gets in', async () => {
    const owner = await signUpCustomer('Owner');
    const other = await signUpCustomer('Other');
    const book = await registerBook({ price: 7_000, stock: 5 });
    const placed = await order(owner, book.bookId, 1);
    expect(placed.status).toBe(201);
    const orderId: string = placed.body.orderId;

    const row = await eventually(
      () => gateway().get(`/myPages/${orderId}`).set('Authorization', owner.bearer),
      (r) => r.status === 200 && r.body.status === 'DeliveryStarted',
    );
    expect(row.body).toMatchObject({ orderId, customerId: owner.customerId, bookId: book.bookId, qty: 1, price: 7_000, status: 'DeliveryStarted' });
    expect(row.body.deliveryId).toEqual(expect.any(String));

    expect(
      (
        await gateway()
          .get(`/myPages/${orderId}`)
          .set('Authorization', await admin())
      ).status,
    ).toBe(200);
    const foreign = await gateway().get(`/myPages/${orderId}`).set('Authorization', other.bearer);
    expect(foreign.status).toBe(404);
    expect(foreign.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await gateway().get(`/myPages/${orderId}`)).status).toBe(401);
    expect((await gateway().get('/myPages')).status).toBe(401);
  });

  it('when a customer lists MyPage, then they see only their own rows, newest first, paged without gaps or repeats', async () => {
    const owner = await signUpCustomer('Lister');
    const other = await signUpCustomer('Bystander');
    const book = await registerBook({ price: 1_000, stock: 20 });
    const orderIds: string[] = [];
    for (let i = 0; i < 5; i++) orderIds.push((await order(owner, book.bookId, 1)).body.orderId as string);
    await order(other, book.bookId, 1);

    const rows = await eventually(
      () => allPages<{ orderId: string; customerId: string }>('/myPages', owner.bearer, { limit: 2 }),
      (r) => r.length === 5,
    );
    expect(rows.map((r) => r.orderId)).toEqual([...orderIds].reverse());
    expect(rows.every((r) => r.customerId === owner.customerId)).toBe(true);

    const first = await gateway().get('/myPages').set('Authorization', owner.bearer).query({ limit: 2 });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));

    const asAdmin = await allPages<{ orderId: string }>('/myPages', await admin(), { customerId: owner.customerId, limit: 200 });
    expect(asAdmin.map((r) => r.orderId)).toEqual([...orderIds].reverse());
    expect((await gateway().get('/myPages').set('Authorization', owner.bearer).query({ customerId: other.customerId })).status).toBe(404);
    expect((await gateway().get('/myPages').set('Authorization', owner.bearer).query({ limit: 201 })).status).toBe(400);
  });
});

describe('NewBook notifications', () => {
  it('when a book is registered, then customers registered before it are notified (also through the binding) and one registered after is not', async () => {
    const early = await signUpCustomer('Early');
    await known(early);
    const book = await registerBook({ title: 'Announced Book' });
    const late = await signUpCustomer('Late');
    await known(late);

    const notes = await eventually(
      () => notificationsOf(early),
      (n) => n.some(about(book.bookId, 'NewBook')),
    );
    const newBook = notes.find(about(book.bookId, 'NewBook'))!;
    expect(newBook).toMatchObject({ customerId: early.customerId, kind: 'NewBook', bookId: book.bookId, message: expect.stringContaining('Announced Book') });
    expect((await notificationsOf(early)).find(about(book.bookId, 'NewBook'))!.notificationId).toBe(newBook.notificationId);
    expect((await notificationsOf(late)).filter(about(book.bookId, 'NewBook'))).toEqual([]);

    const sent = await eventually(sinkReceived, (s) => s.some((n) => n.notificationId === newBook.notificationId));
    expect(sent.find((n) => n.notificationId === newBook.notificationId)).toMatchObject({
      customerId: early.customerId,
      kind: 'NewBook',
      bookId: book.bookId,
      recipient: { email: early.email },
    });
    expect(sent.filter((n) => n.bookId === book.bookId && n.customerId === late.customerId)).toEqual([]);
  });

  it('when an admin reads notifications, then a customerId is needed; without a token it is 401', async () => {
    const customer = await signUpCustomer();
    expect((await gateway().get('/notifications')).status).toBe(401);
    expect(
      (
        await gateway()
          .get('/notifications')
          .set('Authorization', await admin())
      ).status,
    ).toBe(400);
    expect(
      (
        await gateway()
          .get('/notifications')
          .set('Authorization', await admin())
          .query({ customerId: customer.customerId })
      ).status,
    ).toBe(200);
  });
});

describe('Restocked notifications', () => {
  it('when a book with out-of-stock orders is restocked, then each waiting customer is notified exactly once, and only new waits count next time', async () => {
    const twice = await signUpCustomer('Waits twice');
    const once = await signUpCustomer('Waits once');
    const bystander = await signUpCustomer('Bystander');
    const book = await registerBook({ price: 2_000, stock: 1 });
    expect((await order(twice, book.bookId, 2)).status).toBe(409);
    expect((await order(twice, book.bookId, 3)).status).toBe(409);
    expect((await order(once, book.bookId, 2)).status).toBe(409);

    const waiting = await eventually(
      async () => allPages<{ orderId: string; notified: boolean }>('/outOfStockOrders', await admin(), { bookId: book.bookId }),
      (rows) => rows.length === 3,
    );
    expect(waiting.every((r) => r.notified === false)).toBe(true);

    await restock(book.bookId, 5);
    const restockedOf = async (c: TestCustomer) => (await notificationsOf(c)).filter(about(book.bookId, 'Restocked'));
    await eventually(
      () => restockedOf(once),
      (n) => n.length === 1,
    );
    expect(
      await eventually(
        () => restockedOf(twice),
        (n) => n.length === 1,
      ),
    ).toHaveLength(1);
    expect(await restockedOf(once)).toHaveLength(1);
    const notified = await eventually(
      async () => allPages<{ notified: boolean }>('/outOfStockOrders', await admin(), { bookId: book.bookId }),
      (rows) => rows.every((r) => r.notified),
    );
    expect(notified.every((r) => r.notified)).toBe(true);

    // A second restock notifies nobody already notified; a new wait is notified by the next one.
    await restock(book.bookId, 1);
    expect((await order(twice, book.bookId, 50)).status).toBe(409);
    await eventually(
      async () => allPages<{ orderId: string }>('/outOfStockOrders', await admin(), { bookId: book.bookId }),
      (rows) => rows.length === 4,
    );
    await restock(book.bookId, 1);
    expect(
      await eventually(
        () => restockedOf(twice),
        (n) => n.length === 2,
      ),
    ).toHaveLength(2);
    expect(await restockedOf(once)).toHaveLength(1);
    expect(await restockedOf(bystander)).toEqual([]);

    const first = (await restockedOf(once))[0]!;
    const sent = await eventually(sinkReceived, (s) => s.some((n) => n.notificationId === first.notificationId));
    expect(sent.filter((n) => n.notificationId === first.notificationId)[0]).toMatchObject({
      kind: 'Restocked',
      customerId: once.customerId,
      bookId: book.bookId,
    });
  });
});

/** Publishes OutOfStocked as the order service does, with the given occurrence time and id. */
async function publishOutOfStocked(customer: TestCustomer, bookId: string, orderId: string, time: Date): Promise<void> {
  const order = publisherSidecars(portPlan().plan, readCredentials())('OutOfStocked')!;
  const event = {
    specversion: '1.0',
    id: `${orderId}-outofstocked`,
    source: 'order',
    type: 'OutOfStocked',
    datacontenttype: 'application/json',
    time: time.toISOString(),
    data: { orderId, bookId, customerId: customer.customerId, qty: 1 },
  };
  const published = await fetch(`${order.url}/v1.0/publish/pubsub/OutOfStocked`, {
    method: 'POST',
    headers: { 'content-type': 'application/cloudevents+json', 'dapr-api-token': order.token },
    body: JSON.stringify(event),
  });
  if (published.status !== 204) throw new Error(`publish failed: ${published.status}`);
}

describe('Restocked notifications when the events cross', () => {
  it('when an order that failed before a restock reaches the read side after it, then its customer is told once; one that failed after it waits', async () => {
    const early = await signUpCustomer('Told by the restock');
    const late = await signUpCustomer('Failure arrives late');
    const book = await registerBook({ price: 2_000, stock: 1 });
    const failedAt = new Date();
    expect((await order(early, book.bookId, 2)).status).toBe(409);
    await eventually(
      async () => allPages<{ orderId: string }>('/outOfStockOrders', await admin(), { bookId: book.bookId }),
      (rows) => rows.length === 1,
    );
    await restock(book.bookId, 5);
    // The early customer's notification shows the restock has been handled.
    const restockedOf = async (c: TestCustomer) => (await notificationsOf(c)).filter(about(book.bookId, 'Restocked'));
    await eventually(
      () => restockedOf(early),
      (n) => n.length === 1,
    );

    // OutOfStocked on its topic, later than the restock on its own: as a read side catching up sees them.
    const lateOrder = `LATE${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    await publishOutOfStocked(late, book.bookId, lateOrder, failedAt);
    await publishOutOfStocked(late, book.bookId, lateOrder, failedAt); // a redelivery
    const told = await eventually(
      () => restockedOf(late),
      (n) => n.length === 1,
    );
    expect(told[0]).toMatchObject({ customerId: late.customerId, kind: 'Restocked', bookId: book.bookId });

    const afterRestock = `LATE${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    await publishOutOfStocked(late, book.bookId, afterRestock, new Date(Date.now() + 1_000));
    const rows = await eventually(
      async () => allPages<{ orderId: string; notified: boolean }>('/outOfStockOrders', await admin(), { bookId: book.bookId }),
      (r) => r.length === 3 && r.find((o) => o.orderId === lateOrder)?.notified === true,
    );
    expect(rows.find((o) => o.orderId === afterRestock)?.notified).toBe(false);
    expect(await restockedOf(late)).toHaveLength(1);
  });
});

describe('admin views', () => {
  it('when an admin reads marketing targets, then customers are listed with their registration; customers get 403, no token 401', async () => {
    const customer = await signUpCustomer('Target');
    await known(customer);
    const rows = await allPages<Record<string, unknown>>('/marketingTargets', await admin(), { limit: 200 });
    expect(rows.find((r) => r.customerId === customer.customerId)).toEqual({
      customerId: customer.customerId,
      name: 'Target',
      email: customer.email,
      registeredAt: expect.any(String),
    });
    expect((await gateway().get('/marketingTargets').set('Authorization', customer.bearer)).status).toBe(403);
    expect((await gateway().get('/marketingTargets')).status).toBe(401);
  });

  it('when anyone but an admin reads out-of-stock orders, then customers get 403 and no token 401', async () => {
    const customer = await signUpCustomer();
    expect((await gateway().get('/outOfStockOrders').set('Authorization', customer.bearer)).status).toBe(403);
    expect((await gateway().get('/outOfStockOrders')).status).toBe(401);
    expect(
      (
        await gateway()
          .get('/outOfStockOrders')
          .set('Authorization', await admin())
      ).status,
    ).toBe(200);
  });
});
