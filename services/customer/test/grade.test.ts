import { gradeOf, Purchase, standingOf } from '../src/domain/grade';

const purchase = (orderId: string, price: number, orderedAt: string, cancelled = false): Purchase => ({ orderId, price, orderedAt, cancelled });

describe('grade', () => {
  it.each([
    [0, 'BRONZE'],
    [49_999, 'BRONZE'],
    [50_000, 'SILVER'],
    [199_999, 'SILVER'],
    [200_000, 'GOLD'],
    [499_999, 'GOLD'],
    [500_000, 'VIP'],
  ])('when %p won has been purchased, then the grade is %p', (purchased, grade) => {
    expect(gradeOf(purchased)).toBe(grade);
  });
});

describe('standing (purchased, grade, mileage)', () => {
  it('when orders cross a grade, then each earns at the rate of the grade held before it', () => {
    // 60,000 at BRONZE (1%) = 600; then 10,000 at SILVER (2%) = 200.
    const standing = standingOf([purchase('o2', 10_000, '2026-01-02'), purchase('o1', 60_000, '2026-01-01')]);
    expect(standing).toEqual({ purchased: 70_000, grade: 'SILVER', mileage: 800 });
  });

  it('when an earlier order is cancelled, then later orders lose the rate it gave them', () => {
    const standing = standingOf([purchase('o1', 60_000, '2026-01-01', true), purchase('o2', 10_000, '2026-01-02')]);
    expect(standing).toEqual({ purchased: 10_000, grade: 'BRONZE', mileage: 100 });
  });

  it('when two orders share a time, then the order id breaks the tie', () => {
    const a = standingOf([purchase('b', 10_000, 't'), purchase('a', 60_000, 't')]);
    expect(a.mileage).toBe(600 + 200);
  });

  it('when amounts do not divide evenly, then mileage is rounded down per order', () => {
    expect(standingOf([purchase('o1', 199, 't')]).mileage).toBe(1);
  });

  it('when the same orders come in another order, then the standing is the same', () => {
    const orders = [purchase('o1', 120_000, '1'), purchase('o2', 90_000, '2'), purchase('o3', 300_000, '3', true), purchase('o4', 5_000, '4')];
    expect(standingOf([...orders].reverse())).toEqual(standingOf(orders));
  });
});
