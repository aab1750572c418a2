import { Sidecar, STORES } from '@bookstore/runtime';
import { Delivery } from '../../domain/delivery';
import { DeliveryRepository } from '../../domain/ports';

const key = (orderId: string): string => `delivery:${orderId}`;

/** Deliveries in Redis, through the Dapr state component `statestore`. */
export class DaprDeliveryStore implements DeliveryRepository {
  constructor(private readonly sidecar: Sidecar) {}

  get(orderId: string): Promise<Delivery | undefined> {
    return this.sidecar.getState<Delivery>(STORES.state, key(orderId));
  }

  async save(delivery: Delivery): Promise<void> {
    await this.sidecar.saveState(STORES.state, [{ key: key(delivery.orderId), value: delivery }]);
  }
}
