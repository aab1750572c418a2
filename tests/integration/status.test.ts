/**
 * The operator's view on the running stack: GET /admin/status (each service's figures
 * through its sidecar, the subscribers' lag and dead letters from Redis), npm run status's
 * frame made from two of its answers, and each app's Prometheus endpoint.
 */
import { portPlan } from '../../tools/stack/src';
import { gatewayStatus, render } from '../../tools/stack/src/status';
import { appFigures } from '../../tools/stack/src/status-figures';
import { admin, adminPassword, registerBook, signUpCustomer } from '../support/auth';
import { eventually, gateway } from '../support/gateway';
import { placeOrder } from '../support/orders';

const source = () => gatewayStatus(process.env.GATEWAY_URL!, adminPassword());

describe('the operator view', () => {
  it('when orders are placed between two answers, then order shows their requests, customercenter their events, and every subscriber of Ordered its lag', async () => {
    const status = source();
    const customer = await signUpCustomer('Status');
    const book = await registerBook({ stock: 20 });
    const before = await status.read();
    const orders = [];
    for (let i = 0; i < 5; i++) orders.push(await placeOrder(customer, book.bookId));
    // Once the last order's MyPage row exists, customercenter has handled its events.
    const last = orders.at(-1)!;
    expect(
      (
        await eventually(
          () => gateway().get(`/myPages/${last.orderId}`).set('Authorization', customer.bearer),
          (r) => r.status === 200,
        )
      ).status,
    ).toBe(200);
    const after = await status.read();
    const seconds = (Date.parse(after.at) - Date.parse(before.at)) / 1000;
    const figuresOf = (name: string, answer: typeof after) => answer.services.find((s) => s.name === name)!.figures;

    expect(after.services.map((s) => [s.name, s.ready])).toEqual(
      ['gateway', 'book', 'customer', 'order', 'delivery', 'customercenter'].map((name) => [name, true]),
    );
    expect(appFigures(figuresOf('order', before), figuresOf('order', after), seconds).requestsPerSecond * seconds).toBeGreaterThanOrEqual(5);
    expect(appFigures(figuresOf('customercenter', before), figuresOf('customercenter', after), seconds).eventsPerSecond * seconds).toBeGreaterThanOrEqual(5);
    expect(
      after.lags
        .filter((l) => l.topic === 'Ordered')
        .map((l) => l.group)
        .sort(),
    ).toEqual(['book', 'customer', 'customercenter', 'delivery']);
    expect(Object.keys(after.deadLetters).sort()).toEqual(['book', 'customer', 'customercenter', 'delivery', 'order']);

    const frame = render(before, after);
    expect(frame).toContain('stock breaker: closed');
    expect(frame).toMatch(/^order +yes /m);
  });

  it('when a customer or nobody asks, then /admin/status is 403 or 401', async () => {
    const customer = await signUpCustomer('Nosy');
    expect((await gateway().get('/admin/status').set('Authorization', customer.bearer)).status).toBe(403);
    expect((await gateway().get('/admin/status')).status).toBe(401);
    expect(
      (
        await gateway()
          .get('/admin/status')
          .set('Authorization', await admin())
      ).status,
    ).toBe(200);
  });

  it("when an app's metrics port is scraped, then it answers Prometheus's text format with the shop's own series", async () => {
    const { plan } = portPlan();
    const scraped = await fetch(`http://127.0.0.1:${plan.services.order.appMetrics}/metrics`);
    expect(scraped.status).toBe(200);
    const text = await scraped.text();
    expect(text).toMatch(/^bookstore_http_requests_total\{method="POST",route="\/orders",status="201",service="order"\} \d+/m);
    expect(text).toContain('bookstore_stock_breaker_open{service="order"} 0');
    // Never on the public port: the gateway answers no /metrics.
    expect((await gateway().get('/metrics')).status).toBe(404);
  });
});
