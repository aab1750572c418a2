import { cancelOrder, orderStatus, placeOrder, type OrderDeps } from '../src/domain/order-use-cases';
import type { ChargeResult } from '../src/domain/place-order';
import { OrderError } from '../src/domain/ports';
import { hear, NO_FACTS, type OrderFacts } from '../src/domain/status-view';

function fakes(result: ChargeResult) {
  const rows = new Map<string, OrderFacts>();
  const refunds: string[] = [];
  const published: string[] = [];
  const deps: OrderDeps = {
    payments: { charge: async () => result, refund: async (id) => void refunds.push(id) },
    views: { get: async (id) => rows.get(id), hear: async (id, fact) => void rows.set(id, hear(rows.get(id) ?? NO_FACTS, fact)) },
    events: { placed: async ({ orderId }) => void published.push(`placed ${orderId}`), cancelled: async (id) => void published.push(`cancelled ${id}`) },
    newId: () => 'o1',
  };
  return { deps, refunds, published };
}

describe('order use cases', () => {
  it('when payment answers paid, then the order is placed and visible', async () => {
    const { deps, published } = fakes({ kind: 'answered', answer: { outcome: 'paid', amount: 100 } });
    expect(await placeOrder(deps, { menuId: 'latte', qty: 1 })).toEqual({ orderId: 'o1' });
    expect(published).toEqual(['placed o1']);
    expect(await orderStatus(deps, 'o1')).toBe('placed');
  });
  it("when payment's answer is lost, then no order is placed and it is refunded by orderId", async () => {
    const { deps, refunds, published } = fakes({ kind: 'lost' });
    await expect(placeOrder(deps, { menuId: 'latte', qty: 1 })).rejects.toEqual(new OrderError('PAYMENT_UNAVAILABLE'));
    expect(refunds).toEqual(['o1']);
    expect(published).toEqual([]);
    await expect(orderStatus(deps, 'o1')).rejects.toBeInstanceOf(OrderError);
  });
  it('when a placed order is cancelled, then it is announced, refunded, and shown cancelled', async () => {
    const { deps, refunds, published } = fakes({ kind: 'answered', answer: { outcome: 'paid', amount: 100 } });
    await placeOrder(deps, { menuId: 'latte', qty: 1 });
    await cancelOrder(deps, 'o1');
    expect(published).toEqual(['placed o1', 'cancelled o1']);
    expect(refunds).toEqual(['o1']);
    expect(await orderStatus(deps, 'o1')).toBe('cancelled');
  });
});
