import { cancelOrder } from '../src/domain/cancel-order';
import { Order } from '../src/domain/order';
import { FakeOrders, order } from './fakes';
import { OrderDomainEvent } from '../src/domain/events';

const owner = { role: 'customer' as const, id: 'c1' };
const stranger = { role: 'customer' as const, id: 'c2' };
const admin = { role: 'admin' as const, id: 'admin' };

function setup(existing?: Order) {
  const orders = new FakeOrders();
  if (existing) orders.map.write(existing.orderId, existing);
  const published: OrderDomainEvent[] = [];
  return { orders, published, deps: { orders, events: { dispatch: async (e: OrderDomainEvent[]) => void published.push(...e) } } };
}

describe('cancelling an order', () => {
  it('when the owner cancels an Ordered order, then it becomes OrderCancelled and OrderCancelled is published once', async () => {
    const { deps, published, orders } = setup(order());
    const result = await cancelOrder(deps, owner, 'o1');
    expect(result).toEqual({ kind: 'cancelled', order: order({ status: 'OrderCancelled' }) });
    expect((await orders.get('o1'))?.value.status).toBe('OrderCancelled');
    expect(published).toEqual([
      { eventId: 'o1-cancelled', type: 'OrderCancelled', data: { orderId: 'o1', bookId: 'b1', customerId: 'c1', qty: 2, price: 2000 } },
    ]);
    expect(orders.commits[0]!.events).toEqual(published);
  });

  it('when an admin cancels someone else’s order, then it is cancelled', async () => {
    const { deps } = setup(order());
    expect((await cancelOrder(deps, admin, 'o1')).kind).toBe('cancelled');
  });

  it('when another customer cancels the order, then it is not found and nothing changes', async () => {
    const { deps, published, orders } = setup(order());
    expect(await cancelOrder(deps, stranger, 'o1')).toEqual({ kind: 'not-found' });
    expect(published).toEqual([]);
    expect(orders.commits).toEqual([]);
  });

  it('when the order does not exist, then it is not found', async () => {
    const { deps } = setup();
    expect(await cancelOrder(deps, admin, 'nope')).toEqual({ kind: 'not-found' });
  });

  it('when a cancelled order is cancelled again, then the same order is answered with no change and no second event', async () => {
    const { deps, published, orders } = setup(order({ status: 'OrderCancelled' }));
    expect(await cancelOrder(deps, owner, 'o1')).toEqual({ kind: 'cancelled', order: order({ status: 'OrderCancelled' }) });
    expect(published).toEqual([]);
    expect(orders.commits).toEqual([]);
  });

  it('when an OutOfStocked order is cancelled, then it is refused as not cancellable and nothing is published', async () => {
    const { deps, published } = setup(order({ status: 'OutOfStocked' }));
    expect(await cancelOrder(deps, owner, 'o1')).toEqual({ kind: 'not-cancellable', order: order({ status: 'OutOfStocked' }) });
    expect(published).toEqual([]);
  });

  it('when another cancel commits first, then this one sees the cancelled order and publishes nothing more', async () => {
    const { deps, published, orders } = setup(order());
    orders.beforeCommit = (change) => {
      orders.beforeCommit = undefined;
      orders.map.write(change.order.orderId, change.order); // the other request's cancel lands first
    };
    expect(await cancelOrder(deps, owner, 'o1')).toEqual({ kind: 'cancelled', order: order({ status: 'OrderCancelled' }) });
    expect(published).toEqual([]);
  });
});
