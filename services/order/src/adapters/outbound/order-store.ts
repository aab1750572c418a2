import { Sidecar, STORES } from '@bookstore/runtime';
import { Order } from '../../domain/order';
import { OrderRepository } from '../../domain/ports';

/** Orders in PostgreSQL, through the Dapr state component `orderstore`. */
export class DaprOrderStore implements OrderRepository {
  constructor(private readonly sidecar: Sidecar) {}

  async save(order: Order): Promise<void> {
    await this.sidecar.saveState(STORES.orders, [{ key: order.orderId, value: order }]);
  }

  get(orderId: string): Promise<Order | undefined> {
    return this.sidecar.getState<Order>(STORES.orders, orderId);
  }
}
