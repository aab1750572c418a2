import { Delivery } from './delivery';

export interface Versioned<T> {
  value: T;
  version: string;
}

export interface DeliveryRepository {
  get(orderId: string): Promise<Versioned<Delivery> | undefined>;
  /** Several deliveries in one read, by orderId; orders with no delivery are absent. */
  getMany(orderIds: string[]): Promise<Map<string, Versioned<Delivery>>>;
  /**
   * Writes the delivery if its stored version is still `expectedVersion` (or, without one,
   * if none is stored yet); false when another handler wrote it first.
   */
  save(delivery: Delivery, expectedVersion?: string): Promise<boolean>;
  /**
   * Writes several deliveries, each guarded as `save` guards one, in one call; false when
   * any guard failed. Then some may have been written and others not (Redis does not roll
   * back): the caller takes each news again, one by one, which converges (news is idempotent).
   */
  saveMany(changes: Array<{ delivery: Delivery; expectedVersion?: string }>): Promise<boolean>;
}

export interface DeliveryEvents {
  /** Says where the delivery stands (DeliveryStarted or DeliveryCancelled), under the same event id every time. */
  announce(delivery: Delivery): Promise<void>;
  announceMany(deliveries: Delivery[]): Promise<void>;
}
