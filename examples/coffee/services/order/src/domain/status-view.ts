import type { OrderStatus } from '@coffee/contracts';

/**
 * The customer's view of an order, kept as facts (what was heard of) and the status derived
 * when read: any arrival order of events, any number of times, gives the same answer.
 */
export interface OrderFacts {
  placed: boolean;
  paid: boolean;
  served: boolean;
  cancelled: boolean;
  refunded: boolean;
}

export type Fact = keyof OrderFacts;

export const NO_FACTS: OrderFacts = { placed: false, paid: false, served: false, cancelled: false, refunded: false };

export function hear(facts: OrderFacts, fact: Fact): OrderFacts {
  return facts[fact] ? facts : { ...facts, [fact]: true };
}

/** The status a customer sees: the furthest fact wins, a refund over a cancel over service. */
export function statusOf(facts: OrderFacts): OrderStatus | undefined {
  if (facts.refunded) return 'refunded';
  if (facts.cancelled) return 'cancelled';
  if (facts.served) return 'served';
  if (facts.paid) return 'paid';
  if (facts.placed) return 'placed';
  return undefined;
}
