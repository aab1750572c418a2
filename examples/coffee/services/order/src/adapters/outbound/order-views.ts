import type { Sidecar } from '@bookstore/runtime';
import { hear, NO_FACTS, type Fact, type OrderFacts } from '../../domain/status-view';
import type { OrderViews } from '../../domain/ports';

/** The status view in the Dapr state store, each row written under its ETag (a conflict throws: RETRY). */
export class DaprOrderViews implements OrderViews {
  constructor(
    private readonly sidecar: Sidecar,
    private readonly store: string,
  ) {}

  async get(orderId: string): Promise<OrderFacts | undefined> {
    return (await this.sidecar.getVersionedState<OrderFacts>(this.store, `view-${orderId}`))?.value;
  }

  async hear(orderId: string, fact: Fact): Promise<void> {
    const found = await this.sidecar.getVersionedState<OrderFacts>(this.store, `view-${orderId}`);
    const facts = found?.value ?? NO_FACTS;
    const next = hear(facts, fact);
    if (next === facts) return;
    await this.sidecar.transact(this.store, [
      {
        operation: 'upsert',
        request: { key: `view-${orderId}`, value: next, ...(found ? { etag: found.etag } : {}), options: { concurrency: 'first-write' } },
      },
    ]);
  }
}
