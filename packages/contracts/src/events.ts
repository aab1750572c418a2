import { z } from 'zod';
import { defineEvent as contract, idString, plainText, safeInt, timestampField } from '@bookstore/runtime/schema';
import { LIMITS, TEXT_MAX } from './fields';

/** The pub/sub component every service publishes to and subscribes from. */
export const PUBSUB = 'pubsub';

/*
 * Every field as tight as the domain allows: a subscriber DROPs an event that breaks its
 * contract, so a forged or corrupted event cannot put a negative count or a control
 * character into a read model. Bounds are the ones the HTTP inputs take (LIMITS).
 */
const id = idString;
const timestamp = timestampField;
const qty = safeInt({ min: 1, max: LIMITS.maxQty });
const unitPrice = safeInt({ min: 0, max: LIMITS.maxPrice });
/** An order's price: unit price × qty. */
const orderPrice = safeInt({ min: 0, max: LIMITS.maxPrice * LIMITS.maxQty });
const stock = safeInt({ min: 0, max: LIMITS.maxStock });

export const BookRegistered = contract(
  'BookRegistered',
  z.object({
    bookId: id,
    title: plainText({ min: 1, max: TEXT_MAX.title }),
    author: plainText({ max: TEXT_MAX.author }),
    price: unitPrice,
    stock,
    registeredAt: timestamp,
  }),
);
export const StockIncreased = contract('StockIncreased', z.object({ bookId: id, added: safeInt({ min: 1, max: LIMITS.maxRestock }), stock }));
export const CustomerRegistered = contract(
  'CustomerRegistered',
  z.object({ customerId: id, name: plainText({ min: 1, max: TEXT_MAX.name }), email: z.string().max(254).pipe(z.email()), registeredAt: timestamp }),
);
export const Ordered = contract('Ordered', z.object({ orderId: id, bookId: id, customerId: id, qty, price: orderPrice, orderedAt: timestamp }));
export const OutOfStocked = contract('OutOfStocked', z.object({ orderId: id, bookId: id, customerId: id, qty }));
export const OrderCancelled = contract('OrderCancelled', z.object({ orderId: id, bookId: id, customerId: id, qty, price: orderPrice }));
export const DeliveryStarted = contract('DeliveryStarted', z.object({ deliveryId: id, orderId: id, customerId: id }));
export const DeliveryCancelled = contract('DeliveryCancelled', z.object({ deliveryId: id, orderId: id, customerId: id }));

export type BookRegisteredEvent = z.output<typeof BookRegistered.schema>;
export type StockIncreasedEvent = z.output<typeof StockIncreased.schema>;
export type CustomerRegisteredEvent = z.output<typeof CustomerRegistered.schema>;
export type OrderedEvent = z.output<typeof Ordered.schema>;
export type OutOfStockedEvent = z.output<typeof OutOfStocked.schema>;
export type OrderCancelledEvent = z.output<typeof OrderCancelled.schema>;
export type DeliveryStartedEvent = z.output<typeof DeliveryStarted.schema>;
export type DeliveryCancelledEvent = z.output<typeof DeliveryCancelled.schema>;
