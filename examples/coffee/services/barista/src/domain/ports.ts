import type { Cup } from './barista';

/** Where the barista keeps each order's cup; `save` fails on a concurrent change (the event is retried). */
export interface CupStore {
  load(orderId: string): Promise<{ cup: Cup; version?: string }>;
  save(orderId: string, cup: Cup, version?: string): Promise<void>;
}

/** The counter: hands a made coffee to the customer (publishes CoffeeServed, id derived from the order). */
export interface Counter {
  served(coffee: { orderId: string; menuId: string; qty: number }): Promise<void>;
}
