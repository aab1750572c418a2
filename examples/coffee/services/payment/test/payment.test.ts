import { charge, NO_PAYMENT, refund } from '../src/domain/payment';

describe('payment', () => {
  it('when an order is charged, then it costs qty × 100', () => {
    expect(charge(NO_PAYMENT, { menuId: 'latte', qty: 3 })).toEqual({
      next: { status: 'paid', amount: 300 },
      answer: { outcome: 'paid', amount: 300 },
      charged: true,
    });
  });
  it('when a charge is retried, then it answers the same and charges nothing more', () => {
    const first = charge(NO_PAYMENT, { menuId: 'latte', qty: 2 }).next;
    expect(charge(first, { menuId: 'latte', qty: 2 })).toEqual({ next: first, answer: { outcome: 'paid', amount: 200 }, charged: false });
  });
  it('when a paid order is refunded twice, then only the first refund pays back', () => {
    const paid = charge(NO_PAYMENT, { menuId: 'latte', qty: 1 }).next;
    const once = refund(paid);
    expect(once).toMatchObject({ answer: { outcome: 'refunded', amount: 100 }, refunded: true });
    expect(refund(once.next)).toMatchObject({ answer: { outcome: 'refunded', amount: 100 }, refunded: false });
  });
  it('when the refund comes before a late charge, then the charge is refused', () => {
    const closed = refund(NO_PAYMENT);
    expect(closed.answer).toEqual({ outcome: 'nothing-to-refund', amount: 0 });
    expect(charge(closed.next, { menuId: 'latte', qty: 1 })).toMatchObject({ answer: { outcome: 'refused' }, charged: false });
  });
});
