import { Sidecar, SidecarError, StateOperation } from '@bookstore/runtime';
import { STORES } from '@bookstore/contracts';
import { Delivery } from '../../domain/delivery';
import { DeliveryRepository, Versioned } from '../../domain/ports';

const key = (orderId: string): string => `delivery:${orderId}`;

/**
 * Deliveries in Redis, through the Dapr state component `statestore`, written with
 * first-write concurrency: with an ETag only over that version, without one only if the key
 * is new. Redis answers a lost race without an ETag as a plain error, so the key is read
 * again to tell a lost race from a failure.
 */
export class DaprDeliveryStore implements DeliveryRepository {
  constructor(private readonly sidecar: Sidecar) {}

  async get(orderId: string): Promise<Versioned<Delivery> | undefined> {
    const response = await this.sidecar.request('GET', `/v1.0/state/${STORES.state}/${encodeURIComponent(key(orderId))}`);
    if (response.status === 204 || (response.status === 200 && response.body === '')) return undefined;
    if (response.status !== 200) throw new SidecarError(`get delivery ${orderId}: ${response.status}`, response.status, 'ERR_STATE_GET');
    return { value: JSON.parse(response.body) as Delivery, version: response.headers.get('etag') ?? '' };
  }

  async getMany(orderIds: string[]): Promise<Map<string, Versioned<Delivery>>> {
    const found = await this.sidecar.getBulkState<Delivery>(STORES.state, orderIds.map(key));
    const byOrder = new Map<string, Versioned<Delivery>>();
    for (const orderId of orderIds) {
      const item = found.get(key(orderId));
      if (item) byOrder.set(orderId, { value: item.value, version: item.etag });
    }
    return byOrder;
  }

  async saveMany(changes: Array<{ delivery: Delivery; expectedVersion?: string }>): Promise<boolean> {
    const operations: StateOperation[] = changes.map(({ delivery, expectedVersion }) => ({
      operation: 'upsert',
      request: { key: key(delivery.orderId), value: delivery, options: { concurrency: 'first-write' }, ...(expectedVersion ? { etag: expectedVersion } : {}) },
    }));
    try {
      await this.sidecar.transact(STORES.state, operations);
      return true;
    } catch (error) {
      // A lost race and a failure look alike here; the one-by-one path that follows tells them apart.
      if (error instanceof SidecarError) return false;
      throw error;
    }
  }

  async save(delivery: Delivery, expectedVersion?: string): Promise<boolean> {
    try {
      await this.sidecar.call('POST', `/v1.0/state/${STORES.state}`, {
        body: [{ key: key(delivery.orderId), value: delivery, options: { concurrency: 'first-write' }, ...(expectedVersion ? { etag: expectedVersion } : {}) }],
      });
      return true;
    } catch (error) {
      if (!(error instanceof SidecarError)) throw error;
      if (error.status === 409) return false;
      const now = await this.get(delivery.orderId);
      if (now && now.version !== expectedVersion) return false;
      throw error;
    }
  }
}
