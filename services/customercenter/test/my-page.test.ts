import { factsOf, MyPageEvent, MyPageFacts, myPageOf } from '../src/domain/my-page';

/** Merges facts as the Redis store does: the first value of each field wins. */
function merge(events: MyPageEvent[]): MyPageFacts {
  const facts: Record<string, unknown> = {};
  for (const event of events) {
    for (const [field, value] of Object.entries(factsOf(event))) {
      if (value !== undefined && !(field in facts)) facts[field] = value;
    }
  }
  return facts as unknown as MyPageFacts;
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

const order = { orderId: 'o1', bookId: 'b1', customerId: 'c1' };
const ordered: MyPageEvent = { type: 'Ordered', data: { ...order, qty: 2, price: 2000, orderedAt: 't1' }, at: '2026-01-01T00:00:01Z' };
const started: MyPageEvent = { type: 'DeliveryStarted', data: { deliveryId: 'd1', orderId: 'o1', customerId: 'c1' }, at: '2026-01-01T00:00:02Z' };
const cancelled: MyPageEvent = { type: 'OrderCancelled', data: { ...order, qty: 2, price: 2000 }, at: '2026-01-01T00:00:03Z' };
const deliveryCancelled: MyPageEvent = { type: 'DeliveryCancelled', data: { deliveryId: 'd1', orderId: 'o1', customerId: 'c1' }, at: '2026-01-01T00:00:04Z' };
const outOfStocked: MyPageEvent = { type: 'OutOfStocked', data: { ...order, qty: 2 }, at: '2026-01-01T00:00:01Z' };

describe('folding events into a MyPage row', () => {
  it('when only Ordered is known, then the row is Ordered', () => {
    expect(myPageOf(merge([ordered]))).toMatchObject({ status: 'Ordered', qty: 2, price: 2000, updatedAt: ordered.at });
  });

  it.each(permutations([ordered, started]))('when Ordered and DeliveryStarted arrive in any order, then the row is DeliveryStarted', (...events) => {
    expect(myPageOf(merge(events))).toEqual({
      orderId: 'o1',
      customerId: 'c1',
      bookId: 'b1',
      qty: 2,
      price: 2000,
      status: 'DeliveryStarted',
      deliveryId: 'd1',
      updatedAt: started.at,
    });
  });

  it("when a cancelled order's four events arrive in every possible order, then every row is the same DeliveryCancelled row", () => {
    const rows = permutations([ordered, started, cancelled, deliveryCancelled]).map((events) => myPageOf(merge(events)));
    expect(rows).toHaveLength(24);
    for (const row of rows) expect(row).toEqual(rows[0]);
    expect(rows[0]).toMatchObject({ status: 'DeliveryCancelled', deliveryId: 'd1', updatedAt: deliveryCancelled.at });
  });

  it('when the cancellation is known but delivery has not yet heard of it, then the row is OrderCancelled', () => {
    expect(myPageOf(merge([ordered, started, cancelled]))?.status).toBe('OrderCancelled');
  });

  it('when events are delivered twice, then the row is as if each came once', () => {
    expect(myPageOf(merge([ordered, started, ordered, started]))).toEqual(myPageOf(merge([ordered, started])));
  });

  it('when the order was out of stock, then the row is OutOfStocked', () => {
    expect(myPageOf(merge([outOfStocked]))?.status).toBe('OutOfStocked');
  });

  it('when only the delivery is known, then there is no row yet (its book and quantity are unknown)', () => {
    expect(myPageOf(merge([started]))).toBeUndefined();
  });
});
