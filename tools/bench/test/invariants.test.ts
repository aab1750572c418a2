import { standingOf } from '@bookstore/customer/dist/domain/grade';
import { AcceptedOrder, mileageMismatch, orderFates, stockViolations } from '../src/invariants';
import { MyPageRow } from '../src/shop';

const row = (orderId: string, bookId: string, status: string, qty = 1): MyPageRow => ({
  orderId,
  customerId: 'c1',
  bookId,
  qty,
  price: 1000,
  status,
  updatedAt: '2026-01-01T00:00:00Z',
});
const order = (orderId: string, cancelled = false, price = 1000, orderedAt = `2026-01-01T00:00:0${orderId.slice(-1)}Z`): AcceptedOrder => ({
  orderId,
  customerId: 'c1',
  bookId: 'b1',
  qty: 1,
  price,
  orderedAt,
  cancelled,
});

describe('the stock invariant', () => {
  it('when initial + restocked = current + Σ qty of standing orders, then nothing is reported', () => {
    const rows = [
      row('o1', 'b1', 'DeliveryStarted', 2),
      row('o2', 'b1', 'DeliveryCancelled', 5),
      row('o3', 'b1', 'OutOfStocked', 9),
      row('o4', 'b1', 'Ordered', 1),
    ];
    expect(stockViolations([{ bookId: 'b1', initial: 10, restocked: 5, current: 12 }], rows)).toEqual([]);
  });

  it('when a copy went missing, then the book is reported with what it should hold', () => {
    expect(stockViolations([{ bookId: 'b1', initial: 10, restocked: 0, current: 8 }], [row('o1', 'b1', 'DeliveryStarted')])).toEqual([
      { bookId: 'b1', expected: 9, current: 8 },
    ]);
  });
});

describe('order fates', () => {
  it('when every accepted order is at its final status, then none is lost or late', () => {
    const fates = orderFates([order('o1'), order('o2', true)], [row('o1', 'b1', 'DeliveryStarted'), row('o2', 'b1', 'DeliveryCancelled')], new Set(['b1']));
    expect(fates).toEqual({ lost: [], notFinal: [], unanswered: [] });
  });

  it('when an accepted order is missing or short of its final status, then it is reported', () => {
    const fates = orderFates([order('o1'), order('o2', true), order('o3')], [row('o2', 'b1', 'OrderCancelled'), row('o3', 'b1', 'Ordered')], new Set(['b1']));
    expect(fates.lost).toEqual(['o1']);
    expect(fates.notFinal).toEqual([
      { orderId: 'o2', status: 'OrderCancelled' },
      { orderId: 'o3', status: 'Ordered' },
    ]);
  });

  it('when an order stands that no 201 answered, then it is reported as unanswered (a 503 that still placed it)', () => {
    const fates = orderFates(
      [order('o1')],
      [row('o1', 'b1', 'DeliveryStarted'), row('o9', 'b1', 'DeliveryStarted'), row('o8', 'b1', 'OutOfStocked'), row('o7', 'other', 'DeliveryStarted')],
      new Set(['b1']),
    );
    expect(fates.unanswered).toEqual(['o9']);
  });
});

describe('mileage', () => {
  const view = (mileage: number, purchased: number, grade = 'BRONZE') => ({ customerId: 'c1', grade, mileage, purchased });

  it("when the shop shows the customer domain's standing of the orders, then there is no mismatch", () => {
    // 1% of each 1,000 at BRONZE; the cancelled one counts for nothing.
    expect(mileageMismatch(standingOf, view(20, 2000), [order('o1'), order('o2'), order('o3', true)])).toBeUndefined();
  });

  it('when history reaches a grade, then the next order earns at its rate', () => {
    const history = [{ orderId: 'h0', price: 600_000, orderedAt: '2020-01-01T00:00:00Z', cancelled: false }];
    // 6,000 (1% of the history) + 5% of 1,000.
    expect(mileageMismatch(standingOf, view(6_050, 601_000, 'VIP'), [order('o1')], history)).toBeUndefined();
  });

  it('when the shop shows other figures, then both are reported', () => {
    const mismatch = mileageMismatch(standingOf, view(99, 2000), [order('o1'), order('o2')]);
    expect(mismatch).toEqual({
      customerId: 'c1',
      expected: { purchased: 2000, grade: 'BRONZE', mileage: 20 },
      actual: { grade: 'BRONZE', mileage: 99, purchased: 2000 },
    });
  });
});
