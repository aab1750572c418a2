import { ChaosStack, ordersOf, registerBook, report, session, Session, startChaosStack, stockBalance, waitUntil } from './chaos-stack';

describe('chaos 4: Redis restarted during load', () => {
  let chaos: ChaosStack;
  let s: Session;
  beforeAll(async () => {
    chaos = await startChaosStack('redis-restart');
    s = await session(chaos);
  }, 120_000);
  afterAll(async () => chaos?.close());

  it('when Redis is killed (SIGKILL) and restarted under load, then no accepted order is lost and stock adds up', async () => {
    const bookId = await registerBook(chaos, s.admin, 5_000);
    const answers: Array<{ status: number; orderId?: string }> = [];
    let running = true;
    const client = async (): Promise<void> => {
      while (running) {
        const r = await chaos
          .gateway()
          .post('/orders')
          .set('Authorization', `Bearer ${s.customer.token}`)
          .send({ bookId, qty: 1 })
          .catch(() => undefined);
        answers.push({ status: r?.status ?? 0, orderId: r?.body?.orderId });
      }
    };
    const clients = Array.from({ length: 4 }, client);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const killedAt = Date.now();
    await chaos.stack.supervisor.kill('redis');
    chaos.stack.supervisor.restart('redis');
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    running = false;
    await Promise.all(clients);
    const outageSeconds = ((Date.now() - killedAt) / 1000).toFixed(1);

    const accepted = answers.filter((a) => a.status === 201);
    const balance = await stockBalance(chaos, s.admin, bookId, 5_000, 90_000);
    const orders = new Map((await ordersOf(chaos, s.admin, bookId)).map((o) => [o.orderId, o.status]));
    const lost = accepted.filter((a) => orders.get(a.orderId!) !== 'Ordered');
    let withoutEvent = 0;
    await waitUntil(
      async () => {
        const ordered = [...orders].filter(([, status]) => status === 'Ordered').map(([id]) => id);
        const rows = await Promise.all(ordered.map((id) => chaos.gateway().get(`/myPages/${id}`).set('Authorization', `Bearer ${s.admin}`)));
        withoutEvent = rows.filter((r) => r.status !== 200 || r.body.status !== 'DeliveryStarted').length;
        return withoutEvent === 0;
      },
      90_000,
      1_000,
    );

    report('redis restarted', {
      requests: answers.length,
      accepted: accepted.length,
      refused503: answers.filter((a) => a.status === 503).length,
      otherFailures: answers.filter((a) => a.status !== 201 && a.status !== 503).length,
      windowSeconds: outageSeconds,
      lostAccepted: lost.length,
      stockExpected: balance.expected,
      stockPlusOrdered: balance.actual,
      ordersWithoutEvent: withoutEvent,
    });
    expect(lost).toEqual([]);
    expect(balance.actual).toBe(balance.expected);
    expect(withoutEvent).toBe(0);
    expect(accepted.length).toBeGreaterThan(0);
  }, 300_000);
});
