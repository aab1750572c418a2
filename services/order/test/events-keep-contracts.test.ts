import { newId } from '@bookstore/runtime';
import { LIMITS, OrderCancelled, Ordered, OutOfStocked } from '@bookstore/contracts';
import { orderCancelledEvent, orderedEvent, outOfStockedEvent } from '../src/domain/events';
import { Order } from '../src/domain/order';

const CONTRACTS = { Ordered, OutOfStocked, OrderCancelled } as const;

describe('the order service keeping its event contracts', () => {
  it.each([
    ['the smallest order', 1, 0],
    ['the largest order at the highest price', LIMITS.maxQty, LIMITS.maxPrice],
  ])('when it publishes about %s, then every event keeps its contract (no subscriber DROPs it)', (_why, qty, unitPrice) => {
    const order: Order = {
      orderId: newId(),
      bookId: newId(),
      customerId: newId(),
      qty,
      price: unitPrice * qty,
      status: 'Ordered',
      orderedAt: new Date().toISOString(),
    };
    for (const event of [orderedEvent(order), outOfStockedEvent(order), orderCancelledEvent(order)]) {
      expect(CONTRACTS[event.type].schema.safeParse(event.data).success).toBe(true);
    }
  });
});
