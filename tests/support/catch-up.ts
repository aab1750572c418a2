import { Shop, waitUntil } from './shop';

export interface Consumers {
  stop(): Promise<void>;
  start(): Promise<void>;
}

export type Report = (scenario: string, figures: Record<string, string | number>) => void;

interface Customer {
  customerId: string;
  token: string;
}

const PRICE = 10_000;
const ORDERS_PER_CUSTOMER = 8;
// 8 orders of 10,000 won: the first five earn 1% (BRONZE), the last three 2% (SILVER from 50,000).
const EXPECTED = { purchased: 80_000, grade: 'SILVER', mileage: 5 * 100 + 3 * 200 };

async function adminTokenOf(shop: Shop): Promise<string> {
  const login = await shop.gateway().post('/auth/login').send({ email: 'admin@bookstore.local', password: shop.adminPassword });
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status}`);
  return login.body.token as string;
}

async function signUp(shop: Shop, n: number): Promise<Customer[]> {
  const run = Date.now();
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const r = await shop
        .gateway()
        .post('/customers')
        .send({ name: `C${i}`, email: `c${i}-${run}@example.com`, password: 'long enough' });
      if (r.status !== 201) throw new Error(`sign-up failed: ${r.status} ${JSON.stringify(r.body)}`);
      return { customerId: r.body.customerId, token: r.body.token };
    }),
  );
}

/**
 * Orders are taken while the consumers (customer, delivery, customercenter) are down; once
 * they are back, everything catches up exactly once: MyPage, deliveries, mileage and grade,
 * notifications. `consumers` stops and starts them however the shop runs (processes, pods).
 */
export async function catchUpAfterConsumersDown(shop: Shop, label: string, consumers: Consumers, report: Report): Promise<void> {
  const adminToken = await adminTokenOf(shop);
  const customers = await signUp(shop, 5);
  const book = (await shop.gateway().post('/books').set('Authorization', `Bearer ${adminToken}`).send({ title: label, price: PRICE, stock: 1_000 })).body;
  const scarce = (
    await shop
      .gateway()
      .post('/books')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ title: `${label}, scarce`, price: PRICE, stock: 0 })
  ).body;
  await consumers.stop();

  const started = Date.now();
  const answers = await Promise.all(
    customers.flatMap((c) =>
      Array.from({ length: ORDERS_PER_CUSTOMER }, () =>
        shop.gateway().post('/orders').set('Authorization', `Bearer ${c.token}`).send({ bookId: book.bookId, qty: 1, customerId: c.customerId }),
      ),
    ),
  );
  // Meanwhile, what they serve answers 503 + Retry-After at once (API.md: a service that is down).
  const profile = await shop.gateway().get(`/customers/${customers[0]!.customerId}`).set('Authorization', `Bearer ${customers[0]!.token}`);
  const accepted = answers.filter((a) => a.status === 201).length;
  const refused = answers.filter((a) => a.status !== 201).map((a) => `${a.status} ${a.body?.detail ?? ''}`);
  if (refused.length > 0) process.stdout.write(`refused: ${JSON.stringify([...new Set(refused)])}\n`);
  const orderIds = answers.map((a) => a.body.orderId as string);

  // Meanwhile too: the first customer finds the scarce book out of stock, twice; the admin restocks it.
  const outOfStock = await Promise.all(
    [1, 2].map(() => shop.gateway().post('/orders').set('Authorization', `Bearer ${customers[0]!.token}`).send({ bookId: scarce.bookId, qty: 1 })),
  );
  const restock = await shop.gateway().patch('/books/reStock').set('Authorization', `Bearer ${adminToken}`).send({ bookId: scarce.bookId, stock: 5 });

  await consumers.start();
  const restarted = Date.now();
  const settled = await waitUntil(
    async () => {
      const rows = await Promise.all(orderIds.map((id) => shop.gateway().get(`/myPages/${id}`).set('Authorization', `Bearer ${adminToken}`)));
      return rows.every((r) => r.status === 200 && r.body.status === 'DeliveryStarted');
    },
    120_000,
    1_000,
  );
  const settleSeconds = ((Date.now() - restarted) / 1000).toFixed(1);

  // Delivery's own read is reached through the gateway's sidecar, which may still be finding
  // the new pod (cluster DNS): it must come, not be there at the first try.
  const deliveryOf = (id: string) => shop.gateway().get('/deliveries').query({ orderId: id }).set('Authorization', `Bearer ${adminToken}`);
  const isStarted = (d: Awaited<ReturnType<typeof deliveryOf>>) =>
    d.status === 200 && d.body.items?.length === 1 && d.body.items[0].status === 'DeliveryStarted';
  let deliveries: Array<Awaited<ReturnType<typeof deliveryOf>>> = [];
  const readable = await waitUntil(
    async () => {
      deliveries = await Promise.all(orderIds.map(deliveryOf));
      return deliveries.every(isStarted);
    },
    30_000,
    1_000,
  );
  const deliveriesSeconds = ((Date.now() - restarted) / 1000).toFixed(1);
  if (!readable)
    process.stdout.write(
      `deliveries not readable: ${JSON.stringify([...new Set(deliveries.filter((d) => !isStarted(d)).map((d) => `${d.status} ${JSON.stringify(d.body).slice(0, 200)}`))])}\n`,
    );
  const standings = await Promise.all(
    customers.map(async (c) => {
      let body: { purchased?: number } = {};
      await waitUntil(
        async () => {
          body = (await shop.gateway().get(`/customers/${c.customerId}`).set('Authorization', `Bearer ${c.token}`)).body;
          return body.purchased === EXPECTED.purchased;
        },
        30_000,
        500,
      );
      return body;
    }),
  );
  // Notifications: one NewBook per book for every customer (they registered first), and one
  // Restocked for the customer whose two orders were out of stock; none twice.
  const notificationsOf = async (c: Customer) =>
    (await shop.gateway().get('/notifications').query({ limit: 200 }).set('Authorization', `Bearer ${c.token}`)).body.items as Array<{
      kind: string;
      bookId: string;
    }>;
  const expectedNotifications = (i: number) => (i === 0 ? 3 : 2);
  const mine = (items: Array<{ kind: string; bookId: string }>) => items.filter((n) => n.bookId === book.bookId || n.bookId === scarce.bookId);
  await waitUntil(
    async () => (await Promise.all(customers.map(notificationsOf))).every((items, i) => mine(items).length >= expectedNotifications(i)),
    60_000,
    1_000,
  );
  const notifications = (await Promise.all(customers.map(notificationsOf))).map(mine);

  report(label, {
    orders: answers.length,
    accepted,
    acceptSeconds: ((restarted - started) / 1000).toFixed(1),
    settledAfterRestartSeconds: settleSeconds,
    deliveries: deliveries.filter(isStarted).length,
    deliveriesReadableAfterRestartSeconds: deliveriesSeconds,
  });

  expect(accepted).toBe(answers.length);
  expect(outOfStock.map((r) => r.status)).toEqual([409, 409]);
  expect(restock.status).toBe(200);
  notifications.forEach((items, i) => {
    const kinds = items.map((n) => `${n.kind}:${n.bookId === book.bookId ? 'book' : 'scarce'}`).sort();
    expect(kinds).toEqual(i === 0 ? ['NewBook:book', 'NewBook:scarce', 'Restocked:scarce'] : ['NewBook:book', 'NewBook:scarce']);
  });
  expect(profile.status).toBe(503);
  expect(profile.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(Number(profile.headers['retry-after'])).toBeGreaterThan(0);
  expect(settled).toBe(true);
  expect(readable).toBe(true);
  for (const standing of standings) expect(standing).toMatchObject(EXPECTED);
}
