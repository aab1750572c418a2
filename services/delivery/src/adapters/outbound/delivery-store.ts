import { Sidecar, SidecarError, STORES } from '@bookstore/runtime';
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
