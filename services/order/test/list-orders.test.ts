import { listOrders } from '../src/domain/list-orders';
import { OrderListQuery, OrderRepository } from '../src/domain/ports';

function recording(answer: 'bad-cursor' | undefined = undefined) {
  const asked: OrderListQuery[] = [];
  const orders: OrderRepository = {
    get: async () => undefined,
    fate: async () => 'Failed',
    commit: async () => true,
    list: async (q) => {
      asked.push(q);
      return answer ?? { items: [], nextCursor: null };
    },
  };
  return { orders, asked };
}

describe('listing orders', () => {
  it('when a customer lists orders, then only their own are asked for', async () => {
    const { orders, asked } = recording();
    await listOrders(orders, { role: 'customer', id: 'c1' }, { limit: 50 });
    expect(asked).toEqual([{ customerId: 'c1', limit: 50 }]);
  });

  it('when a customer names someone else, then their orders are not visible', async () => {
    const { orders, asked } = recording();
    expect(await listOrders(orders, { role: 'customer', id: 'c1' }, { limit: 50, customerId: 'c2' })).toEqual({ kind: 'not-visible' });
    expect(asked).toEqual([]);
  });

  it('when an admin lists orders, then every order is asked for, or one customer’s with customerId', async () => {
    const { orders, asked } = recording();
    await listOrders(orders, { role: 'admin', id: 'admin' }, { limit: 10, cursor: 'x' });
    await listOrders(orders, { role: 'admin', id: 'admin' }, { limit: 10, customerId: 'c2' });
    expect(asked).toEqual([
      { limit: 10, cursor: 'x' },
      { limit: 10, customerId: 'c2' },
    ]);
  });

  it('when the cursor is not one the list gave, then it is refused', async () => {
    const { orders } = recording('bad-cursor');
    expect(await listOrders(orders, { role: 'admin', id: 'admin' }, { limit: 10, cursor: 'junk' })).toEqual({ kind: 'bad-cursor' });
  });
});
