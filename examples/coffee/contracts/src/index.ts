import { z } from 'zod';
import { defineEvent, idString, safeInt } from '@bookstore/runtime/schema';

/** The coffee shop's apps (Dapr app-ids). */
export const APPS = { order: 'coffee-order', payment: 'coffee-payment', barista: 'coffee-barista' } as const;

/** Components: one pub/sub, one state store (actors and views). */
export const PUBSUB = 'coffee-pubsub';
export const STATE_STORE = 'coffee-state';

/** Price of one coffee, in cents. */
export const UNIT_PRICE = 100;
export const MAX_QTY = 20;

const id = idString;
const qty = safeInt({ min: 1, max: MAX_QTY });
const amount = safeInt({ min: 0, max: UNIT_PRICE * MAX_QTY });

export const OrderPlaced = defineEvent('OrderPlaced', z.object({ orderId: id, menuId: id, qty }));
export const OrderCancelled = defineEvent('OrderCancelled', z.object({ orderId: id }));
export const Paid = defineEvent('Paid', z.object({ orderId: id, menuId: id, qty, amount }));
export const Refunded = defineEvent('Refunded', z.object({ orderId: id, amount }));
export const CoffeeServed = defineEvent('CoffeeServed', z.object({ orderId: id, menuId: id, qty }));

/** The PaymentActor, one per order (actor id = orderId). */
export const PAYMENT_ACTOR_TYPE = 'PaymentActor';
export const PAYMENT_METHODS = { charge: 'charge', refund: 'refund' } as const;
export const ChargeRequest = z.object({ menuId: id, qty });
export type ChargeRequest = z.infer<typeof ChargeRequest>;
export type ChargeAnswer = { outcome: 'paid'; amount: number } | { outcome: 'refused'; reason: 'ALREADY_REFUNDED' };
export interface RefundAnswer {
  outcome: 'refunded' | 'nothing-to-refund';
  amount: number;
}
export interface PaymentActorApi {
  charge(request: ChargeRequest): Promise<ChargeAnswer>;
  refund(): Promise<RefundAnswer>;
}

/** Public routes of the order service. */
export const PlaceOrderBody = z.object({ menuId: id, qty }).strict();
export const OrderIdParam = z.object({ id });
export type OrderStatus = 'placed' | 'paid' | 'served' | 'cancelled' | 'refunded';
