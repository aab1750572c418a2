import type { Sidecar } from '@bookstore/runtime';
import { NO_CUP, type Cup } from '../../domain/barista';
import type { CupStore } from '../../domain/ports';

/** Cups in the Dapr state store, one key per order, written under its ETag. */
export class DaprCupStore implements CupStore {
  constructor(
    private readonly sidecar: Sidecar,
    private readonly store: string,
  ) {}

  async load(orderId: string): Promise<{ cup: Cup; version?: string }> {
    const found = await this.sidecar.getVersionedState<Cup>(this.store, `cup-${orderId}`);
    return found ? { cup: found.value, version: found.etag } : { cup: NO_CUP };
  }

  async save(orderId: string, cup: Cup, version?: string): Promise<void> {
    await this.sidecar.transact(this.store, [
      { operation: 'upsert', request: { key: `cup-${orderId}`, value: cup, ...(version ? { etag: version } : {}), options: { concurrency: 'first-write' } } },
    ]);
  }
}
