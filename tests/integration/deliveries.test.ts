import { admin, registerBook, signUpCustomer, TestCustomer } from '../support/auth';
import { eventually, gateway } from '../support/gateway';
import { placeOrder } from '../support/orders';

let alice: TestCustomer;
let bob: TestCustomer;

beforeAll(async () => {
  [alice, bob] = await Promise.all([signUpCustomer('Alice'), signUpCustomer('Bob')]);
});

const deliveriesOf = (orderId: string, bearer: string) => gateway().get('/deliveries').set('Authorization', bearer).query({ orderId });

describe('GET /deliveries', () => {
  it('when an order is placed, then its delivery starts; its owner and an admin see it, another customer gets 404', async () => {
    const book = await registerBook({ stock: 3 });
    const order = await placeOrder(alice, book.bookId);
    const started = await eventually(
      () => deliveriesOf(order.orderId, alice.bearer),
      (r) => r.status === 200 && r.body.items[0]?.status === 'DeliveryStarted',
    );
    expect(started.status).toBe(200);
    expect(started.body).toEqual({
      items: [
        { deliveryId: expect.any(String), orderId: order.orderId, customerId: alice.customerId, status: 'DeliveryStarted', updatedAt: expect.any(String) },
      ],
      nextCursor: null,
    });
    expect((await deliveriesOf(order.orderId, await admin())).body.items).toEqual(started.body.items);
    expect((await deliveriesOf(order.orderId, bob.bearer)).status).toBe(404);
  });

  it('when the order is cancelled, then the delivery goes from DeliveryStarted to DeliveryCancelled under the same id', async () => {
    const book = await registerBook({ stock: 3 });
    const order = await placeOrder(alice, book.bookId);
    const started = await eventually(
      () => deliveriesOf(order.orderId, alice.bearer),
      (r) => r.status === 200 && r.body.items[0]?.status === 'DeliveryStarted',
    );
    expect(started.body.items[0].status).toBe('DeliveryStarted');
    expect((await gateway().post(`/orders/${order.orderId}/cancel`).set('Authorization', alice.bearer)).status).toBe(200);
    const cancelled = await eventually(
      () => deliveriesOf(order.orderId, alice.bearer),
      (r) => r.status === 200 && r.body.items[0]?.status === 'DeliveryCancelled',
    );
    expect(cancelled.body.items).toEqual([{ ...started.body.items[0], status: 'DeliveryCancelled', updatedAt: expect.any(String) }]);
  });

  it('when an order is cancelled at once, then its delivery still ends DeliveryCancelled', async () => {
    const book = await registerBook({ stock: 3 });
    const order = await placeOrder(alice, book.bookId);
    await gateway().post(`/orders/${order.orderId}/cancel`).set('Authorization', alice.bearer);
    const settled = await eventually(
      () => deliveriesOf(order.orderId, alice.bearer),
      (r) => r.status === 200 && r.body.items[0]?.status === 'DeliveryCancelled',
    );
    expect(settled.body.items[0]).toMatchObject({ orderId: order.orderId, status: 'DeliveryCancelled' });
  });

  it('when the orderId is missing or malformed, then the answer is 400', async () => {
    expect((await gateway().get('/deliveries').set('Authorization', alice.bearer)).status).toBe(400);
    expect((await gateway().get('/deliveries').set('Authorization', alice.bearer).query({ orderId: 'a b' })).status).toBe(400);
  });

  it('when there is no token, then the answer is 401', async () => {
    expect((await gateway().get('/deliveries').query({ orderId: 'x' })).status).toBe(401);
  });

  it('when a customer asks about an order delivery has never heard of, then it is 404; an admin gets an empty list', async () => {
    expect((await deliveriesOf('NO-SUCH-ORDER', alice.bearer)).status).toBe(404);
    const asAdmin = await deliveriesOf('NO-SUCH-ORDER', await admin());
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body).toEqual({ items: [], nextCursor: null });
  });
});
