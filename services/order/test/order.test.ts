import { NEW, OrderLifecycleEvent, OrderState, transition, Transition } from '../src/domain/order';

const rows: Array<[OrderState, OrderLifecycleEvent, Transition]> = [
  [NEW, 'placed', { ok: true, to: 'Ordered', changed: true }],
  [NEW, 'stockShort', { ok: true, to: 'OutOfStocked', changed: true }],
  [NEW, 'cancel', { ok: false, code: 'ILLEGAL_TRANSITION' }],
  ['Ordered', 'placed', { ok: false, code: 'ILLEGAL_TRANSITION' }],
  ['Ordered', 'stockShort', { ok: false, code: 'ILLEGAL_TRANSITION' }],
  ['Ordered', 'cancel', { ok: true, to: 'OrderCancelled', changed: true }],
  ['OutOfStocked', 'placed', { ok: false, code: 'ILLEGAL_TRANSITION' }],
  ['OutOfStocked', 'stockShort', { ok: false, code: 'ILLEGAL_TRANSITION' }],
  ['OutOfStocked', 'cancel', { ok: false, code: 'ORDER_NOT_CANCELLABLE' }],
  ['OrderCancelled', 'placed', { ok: false, code: 'ILLEGAL_TRANSITION' }],
  ['OrderCancelled', 'stockShort', { ok: false, code: 'ILLEGAL_TRANSITION' }],
  ['OrderCancelled', 'cancel', { ok: true, to: 'OrderCancelled', changed: false }],
];

describe("the order's transition table", () => {
  it.each(rows)('when an order in %s hears %s, then the answer is %j', (from, event, expected) => {
    expect(transition(from, event)).toEqual(expected);
  });
});
