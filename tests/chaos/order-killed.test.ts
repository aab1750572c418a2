import { appTokenHeader } from '../../tools/stack/src';
import { ChaosStack, ordersOf, registerBook, report, session, Session, startChaosStack, stockBalance, waitUntil } from './chaos-stack';

const ROUNDS = 20;
const BURST = 8;
const STOCK = 5_000;

describe('chaos 3: the order service killed at random moments during load', () => {
  let chaos: ChaosStack;
  let s: Session;
  beforeAll(async () => {
    chaos = await startChaosStack('order-killed');
    s = await session(chaos);
  }, 120_000);
  afterAll(async () => chaos?.close());

  async function orderReady(): Promise<boolean> {
    const port = chaos.instances('order')[0]!.ports.app;
    return waitUntil(
      async () => (await fetch(`http://127.0.0.1:${port}/readyz`, { headers: appTokenHeader(chaos.stack.credentials, 'order') })).status === 200,
      30_000,
    );
  }

  it(`when the order app is killed (SIGKILL) ${ROUNDS} times mid-burst, then stock adds up and every order has its event and every event its order`, async () => {
    const bookId = await registerBook(chaos, s.admin, STOCK);
    const statuses: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const burst = Array.from({ length: BURST }, () =>
        chaos
          .gateway()
          .post('/orders')
          .set('Authorization', `Bearer ${s.customer.token}`)
          .send({ bookId, qty: 1 + (round % 3) })
          .then((r) => r.status)
          .catch(() => 0),
      );
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 300)));
      await chaos.stack.supervisor.kill('order-app');
      statuses.push(...(await Promise.all(burst)));
      chaos.stack.supervisor.restart('order-app');
      expect(await orderReady()).toBe(true);
    }

    // Quiescence: holds settled (the fate asked fails placements with no record) (6 s grace, 5 s period), outbox swept (10 s).
    const balance = await stockBalance(chaos, s.admin, bookId, STOCK, 90_000);
    const orders = await ordersOf(chaos, s.admin, bookId);
    const ordered = orders.filter((o) => o.status === 'Ordered');
    // Every Ordered order's event reached the read side (and delivery): its MyPage row is DeliveryStarted.
    let withoutEvent: string[] = [];
    await waitUntil(
      async () => {
        const rows = await Promise.all(ordered.map((o) => chaos.gateway().get(`/myPages/${o.orderId}`).set('Authorization', `Bearer ${s.admin}`)));
        withoutEvent = ordered.filter((_, i) => rows[i]!.status !== 200 || rows[i]!.body.status !== 'DeliveryStarted').map((o) => o.orderId);
        return withoutEvent.length === 0;
      },
      60_000,
      1_000,
    );
    // Every row on the read side belongs to an order that exists, in the state the row says.
    const myPages = await chaos.gateway().get('/myPages').query({ customerId: s.customer.customerId, limit: 200 }).set('Authorization', `Bearer ${s.admin}`);
    const known = new Map(orders.map((o) => [o.orderId, o.status]));
    const eventsWithoutOrder = (myPages.body.items as Array<{ orderId: string; status: string }>).filter(
      (row) => known.get(row.orderId) !== (row.status === 'DeliveryStarted' ? 'Ordered' : row.status),
    );

    report('order killed', {
      rounds: ROUNDS,
      requests: statuses.length,
      answered201: statuses.filter((x) => x === 201).length,
      cutOff: statuses.filter((x) => x === 0 || x >= 500).length,
      ordersOrdered: ordered.length,
      stockExpected: balance.expected,
      stockPlusOrdered: balance.actual,
      ordersWithoutEvent: withoutEvent.length,
      eventsWithoutOrder: eventsWithoutOrder.length,
    });
    expect(balance.actual).toBe(balance.expected);
    expect(withoutEvent).toEqual([]);
    expect(eventsWithoutOrder).toEqual([]);
    // An accepted order is never lost: every 201 is an Ordered order (there may be more: answers cut off by the kill).
    expect(ordered.length).toBeGreaterThanOrEqual(statuses.filter((x) => x === 201).length);
  }, 600_000);
});
