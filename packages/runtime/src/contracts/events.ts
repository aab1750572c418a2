import { z } from 'zod';

/** The pub/sub component every service publishes to and subscribes from. */
export const PUBSUB = 'pubsub';

/**
 * Where a subscriber app's poison messages go (DROP, or retries exhausted): one dead-letter
 * topic per app, so it is plain which consumer gave up. A dead message keeps its original
 * CloudEvent (id and `topic` included), so it can be replayed to its topic as it was.
 */
export function deadLetterTopic(appId: string): string {
  return `deadletter-${appId}`;
}

/** An event type: its name is its topic (one topic per event type) and its data's schema. */
export interface EventContract<S extends z.ZodType = z.ZodType> {
  topic: string;
  schema: S;
}

function contract<S extends z.ZodType>(topic: string, schema: S): EventContract<S> {
  return { topic, schema };
}

const id = z.string().min(1);
const timestamp = z.string().min(1);
const count = z.number().int();

export const BookRegistered = contract(
  'BookRegistered',
  z.object({ bookId: id, title: z.string(), author: z.string(), price: count, stock: count, registeredAt: timestamp }),
);
export const StockIncreased = contract('StockIncreased', z.object({ bookId: id, added: count, stock: count }));
export const CustomerRegistered = contract(
  'CustomerRegistered',
  z.object({ customerId: id, name: z.string(), email: z.string(), registeredAt: timestamp }),
);
export const Ordered = contract(
  'Ordered',
  z.object({ orderId: id, bookId: id, customerId: id, qty: count, price: count, orderedAt: timestamp }),
);
export const OutOfStocked = contract('OutOfStocked', z.object({ orderId: id, bookId: id, customerId: id, qty: count }));
export const OrderCancelled = contract(
  'OrderCancelled',
  z.object({ orderId: id, bookId: id, customerId: id, qty: count, price: count }),
);
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
