import { standingOf } from '../src/domain/grade';
import { recordCancelled, recordOrdered } from '../src/domain/purchases';

describe("recording a customer's orders", () => {
  it('when Ordered arrives twice, then the order counts once', () => {
    const once = recordOrdered({}, 'o1', 60_000, 't1');
    expect(recordOrdered(once, 'o1', 60_000, 't1')).toBe(once);
    expect(standingOf(Object.values(once))).toEqual({ purchased: 60_000, grade: 'SILVER', mileage: 600 });
  });

  it('when the cancellation arrives before the order, then the order never counts', () => {
    const crossed = recordOrdered(recordCancelled({}, 'o1', 60_000), 'o1', 60_000, 't1');
    expect(crossed.o1).toEqual({ orderId: 'o1', price: 60_000, orderedAt: 't1', cancelled: true });
    expect(standingOf(Object.values(crossed))).toEqual({ purchased: 0, grade: 'BRONZE', mileage: 0 });
  });

  it('when an order is cancelled, then its mileage and amount are reversed exactly', () => {
    const before = recordOrdered({}, 'o1', 10_000, 't1');
    const after = recordCancelled(recordOrdered(before, 'o2', 70_000, 't2'), 'o2', 70_000);
    expect(standingOf(Object.values(after))).toEqual(standingOf(Object.values(before)));
  });
});
