import { Delivery } from './delivery';

export interface DeliveryRepository {
  get(orderId: string): Promise<Delivery | undefined>;
  save(delivery: Delivery): Promise<void>;
}

export interface DeliveryEvents {
  started(delivery: Delivery): Promise<void>;
}
