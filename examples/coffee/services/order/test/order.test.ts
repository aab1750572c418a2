import { decide } from '../src/domain/place-order';
import { hear, NO_FACTS, statusOf, type Fact } from '../src/domain/status-view';

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('status view', () => {
  it('when the same events arrive in any order and any number of times, then the status is the same', () => {
    const facts: Fact[] = ['placed', 'paid', 'served', 'cancelled', 'refunded'];
    for (const order of permutations(facts)) {
      const view = [...order, ...order].reduce(hear, NO_FACTS);
      expect(statusOf(view)).toBe('refunded');
    }
    for (const order of permutations<Fact>(['placed', 'paid', 'served'])) expect(statusOf(order.reduce(hear, NO_FACTS))).toBe('served');
  });
  it('when nothing was heard, then there is no order', () => {
    expect(statusOf(NO_FACTS)).toBeUndefined();
  });
});

describe('placing an order', () => {
  it('when payment answers paid, then the order is placed', () => {
    expect(decide({ kind: 'answered', answer: { outcome: 'paid', amount: 100 } })).toEqual({ place: true, refund: false });
  });
  it('when payment is down, then no order is placed and nothing is refunded', () => {
    expect(decide({ kind: 'unavailable' })).toEqual({ place: false, refund: false, problem: 'PAYMENT_UNAVAILABLE' });
  });
  it("when payment's answer is lost, then the order refunds by orderId and is not placed", () => {
    expect(decide({ kind: 'lost' })).toEqual({ place: false, refund: true, problem: 'PAYMENT_UNAVAILABLE' });
  });
});
