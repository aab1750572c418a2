import type { ChargeRequest } from '@coffee/contracts';
import type { ChargeResult } from './place-order';
import type { Fact, OrderFacts } from './status-view';

/** The payment actor as the order service reaches it (through its sidecar, under a resiliency policy). */
export interface Payments {
  charge(orderId: string, request: ChargeRequest): Promise<ChargeResult>;
  refund(orderId: string): Promise<void>;
}

/** The status view, one row of facts per order; `hear` is idempotent. */
export interface OrderViews {
  get(orderId: string): Promise<OrderFacts | undefined>;
  hear(orderId: string, fact: Fact): Promise<void>;
}

export interface OrderEvents {
  placed(order: { orderId: string } & ChargeRequest): Promise<void>;
  cancelled(orderId: string): Promise<void>;
}

export class OrderError extends Error {
  constructor(readonly code: 'PAYMENT_UNAVAILABLE' | 'PAYMENT_REFUSED' | 'ORDER_NOT_FOUND') {
    super(code);
  }
}
