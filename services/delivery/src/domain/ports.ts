import { Delivery } from './delivery';

export interface Versioned<T> {
  value: T;
  version: string;
}

export interface DeliveryRepository {
  get(orderId: string): Promise<Versioned<Delivery> | undefined>;
  /**
   * Writes the delivery if its stored version is still `expectedVersion` (or, without one,
   * if none is stored yet); false when another handler wrote it first.
   */
  save(delivery: Delivery, expectedVersion?: string): Promise<boolean>;
}

export interface DeliveryEvents {
  /** Says where the delivery stands (DeliveryStarted or DeliveryCancelled), under the same event id every time. */
  announce(delivery: Delivery): Promise<void>;
}
