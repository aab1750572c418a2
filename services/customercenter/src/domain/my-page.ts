import type { DeliveryCancelledEvent, DeliveryStartedEvent, OrderCancelledEvent, OrderedEvent, OutOfStockedEvent } from '@bookstore/contracts';

export type MyPageStatus = 'Ordered' | 'DeliveryStarted' | 'OutOfStocked' | 'OrderCancelled' | 'DeliveryCancelled';

/** One order as its customer sees it. */
export interface MyPage {
  orderId: string;
  customerId: string;
  bookId: string;
  qty: number;
  price: number;
  status: MyPageStatus;
  deliveryId?: string;
  updatedAt: string;
}

/**
 * What is known of an order: the order's fields and, per thing that happened to it, when
 * it was heard of. Each event only adds facts, and a fact, once known, never changes; so
 * merging facts is commutative and idempotent, and the row comes out the same whatever
 * order its events arrive in, however often.
 */
export interface MyPageFacts {
  orderId: string;
  customerId?: string;
  bookId?: string;
  qty?: number;
  price?: number;
  deliveryId?: string;
  ordered?: string;
  outOfStocked?: string;
  orderCancelled?: string;
  deliveryStarted?: string;
  deliveryCancelled?: string;
}

export type MyPageEvent =
  | { type: 'Ordered'; data: OrderedEvent; at: string }
  | { type: 'OutOfStocked'; data: OutOfStockedEvent; at: string }
  | { type: 'OrderCancelled'; data: OrderCancelledEvent; at: string }
  | { type: 'DeliveryStarted'; data: DeliveryStartedEvent; at: string }
  | { type: 'DeliveryCancelled'; data: DeliveryCancelledEvent; at: string };

/** The facts one event contributes. */
export function factsOf(event: MyPageEvent): MyPageFacts {
  const { orderId, customerId } = event.data;
  switch (event.type) {
    case 'Ordered': {
      const { bookId, qty, price } = event.data;
      return { orderId, customerId, bookId, qty, price, ordered: event.at };
    }
    case 'OutOfStocked': {
      const { bookId, qty } = event.data;
      return { orderId, customerId, bookId, qty, outOfStocked: event.at };
    }
    case 'OrderCancelled': {
      const { bookId, qty, price } = event.data;
      return { orderId, customerId, bookId, qty, price, orderCancelled: event.at };
    }
    case 'DeliveryStarted':
      return { orderId, customerId, deliveryId: event.data.deliveryId, deliveryStarted: event.at };
    case 'DeliveryCancelled':
      return { orderId, customerId, deliveryId: event.data.deliveryId, deliveryCancelled: event.at };
  }
}

/** Later facts win over earlier ones in this order: a cancelled order always ends DeliveryCancelled. */
const PRECEDENCE: Array<[keyof MyPageFacts, MyPageStatus]> = [
  ['deliveryCancelled', 'DeliveryCancelled'],
  ['orderCancelled', 'OrderCancelled'],
  ['outOfStocked', 'OutOfStocked'],
  ['deliveryStarted', 'DeliveryStarted'],
  ['ordered', 'Ordered'],
];

const TIMES = ['ordered', 'outOfStocked', 'orderCancelled', 'deliveryStarted', 'deliveryCancelled'] as const;

/** The row the facts describe; none until the order's own event (with its book) has arrived. */
export function myPageOf(facts: MyPageFacts): MyPage | undefined {
  const { orderId, customerId, bookId, qty } = facts;
  if (customerId === undefined || bookId === undefined || qty === undefined) return undefined;
  const status = PRECEDENCE.find(([fact]) => facts[fact] !== undefined)?.[1];
  if (!status) return undefined;
  const updatedAt = TIMES.map((t) => facts[t])
    .filter((t): t is string => t !== undefined)
    .sort()
    .at(-1)!;
  return {
    orderId,
    customerId,
    bookId,
    qty,
    price: facts.price ?? 0,
    status,
    ...(facts.deliveryId ? { deliveryId: facts.deliveryId } : {}),
    updatedAt,
  };
}
