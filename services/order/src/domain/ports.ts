import type { Page } from '@bookstore/runtime/schema';
import { OrderDomainEvent } from './events';
import { KeyRecord } from './idempotency';
import { Order } from './order';
import { OrderFate } from './fate';

/** What the stock holder answered to a reservation, or that it could not be asked. */
export type Reservation =
  { kind: 'reserved'; unitPrice: number } | { kind: 'out-of-stock'; unitPrice: number } | { kind: 'book-not-found' } | { kind: 'unavailable'; reason: string };

export interface StockReservations {
  /** Never asks the book once `deadlineMs` (epoch ms) has passed: answers unavailable instead. */
  reserve(bookId: string, orderId: string, qty: number, deadlineMs?: number): Promise<Reservation>;
}

/** A stored value and the version it was read at (for compare-and-set). */
export interface Versioned<T> {
  value: T;
  version: string;
}

/** One change to an order: written together with its events and remembered answer, or not at all. */
export interface OrderChange {
  order: Order;
  /** The version the change was decided on; absent for a new order (which must not exist yet). */
  expectedVersion?: string;
  /** Events to publish; kept with the order until they are out (an outbox). */
  events: OrderDomainEvent[];
  /** The answer to remember under an Idempotency-Key. */
  remember?: { key: string; record: KeyRecord };
}

export interface OrderListQuery {
  /** Only this customer's orders; every order when absent. */
  customerId?: string;
  limit: number;
  cursor?: string;
}

export interface OrderRepository {
  /** A placed order (a failed placement is not one). */
  get(orderId: string): Promise<Versioned<Order> | undefined>;
  /** What became of the order; one with no record yet is failed for good first (see OrderFate). */
  fate(orderId: string): Promise<OrderFate>;
  /**
   * Writes the change, or answers false: a new order (no `expectedVersion`) only if its key
   * holds nothing yet (first write: a failed placement keeps it out), a changed one only at
   * `expectedVersion`. Throws when the store's answer was lost (the outcome is unknown).
   */
  commit(change: OrderChange): Promise<boolean>;
  /** Newest first (orderIds sort by creation time); 'bad-cursor' for a cursor it never gave. */
  list(query: OrderListQuery): Promise<Page<Order> | 'bad-cursor'>;
}

export type ClaimResult = { claimed: true } | { claimed: false; existing?: Versioned<KeyRecord> };

/** Idempotency-Key records, one per customer and key, kept 24 h. */
export interface IdempotencyKeys {
  /** Stores `record` if the key is free; otherwise answers what holds it (nothing if it just vanished). */
  claim(key: string, record: KeyRecord): Promise<ClaimResult>;
  /** Replaces the record if it is still at `version`; false when another request got there first. */
  replace(key: string, record: KeyRecord, version: string): Promise<boolean>;
  /** Overwrites the record (the holder giving its key back). */
  put(key: string, record: KeyRecord): Promise<void>;
}

/** Sends committed events now, without keeping the caller waiting or ever failing it: what does not go out is sent later from the outbox. */
export interface EventDispatch {
  dispatch(events: OrderDomainEvent[]): Promise<void>;
}
