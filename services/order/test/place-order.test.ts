import { Order } from '../src/domain/order';
import { placeOrder, PlaceOrderDeps } from '../src/domain/place-order';
import { Reservation } from '../src/domain/ports';

function deps(answer: Reservation) {
  const saved: Order[] = [];
  const published: Array<[string, Order]> = [];
  const d: PlaceOrderDeps = {
    stock: { reserve: async () => answer },
    orders: { save: async (o) => void saved.push(o), get: async () => undefined },
    events: {
      ordered: async (o) => void published.push(['Ordered', o]),
      outOfStocked: async (o) => void published.push(['OutOfStocked', o]),
    },
  };
  return { d, saved, published };
}

const request = { orderId: 'o1', bookId: 'b1', customerId: 'c1', qty: 2, orderedAt: '2026-01-01T00:00:00Z' };

describe('placing an order', () => {
  it('when stock is reserved, then the order is recorded as Ordered at unit price × qty and Ordered is published', async () => {
    const { d, saved, published } = deps({ kind: 'reserved', unitPrice: 1000 });
    const result = await placeOrder(d, request);
    expect(result).toEqual({ kind: 'ordered', order: { ...request, price: 2000, status: 'Ordered' } });
    expect(saved).toEqual([{ ...request, price: 2000, status: 'Ordered' }]);
    expect(published.map(([type]) => type)).toEqual(['Ordered']);
  });

  it('when stock is short, then the order is recorded as OutOfStocked and OutOfStocked is published', async () => {
    const { d, saved, published } = deps({ kind: 'out-of-stock', unitPrice: 1000 });
    const result = await placeOrder(d, request);
    expect(result.kind).toBe('out-of-stock');
    expect(saved.map((o) => o.status)).toEqual(['OutOfStocked']);
    expect(published.map(([type]) => type)).toEqual(['OutOfStocked']);
  });

  it.each<Reservation>([{ kind: 'book-not-found' }, { kind: 'unavailable', reason: 'TIMEOUT' }])(
    'when the stock answer is %p, then nothing is recorded or published',
    async (answer) => {
      const { d, saved, published } = deps(answer);
      const result = await placeOrder(d, request);
      expect(result.kind).toBe(answer.kind === 'book-not-found' ? 'book-not-found' : 'stock-unavailable');
      expect(saved).toEqual([]);
      expect(published).toEqual([]);
    },
  );
});
