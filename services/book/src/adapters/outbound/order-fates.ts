import { APPS, Sidecar } from '@bookstore/runtime';
import { OrderFates } from '../../domain/ports';
import { OrderFate } from '../../domain/reservation';

const FATES = new Set<OrderFate>(['Pending', 'Ordered', 'OutOfStocked', 'OrderCancelled', 'Failed', 'Unknown']);

/** Asks the order service (Dapr service invocation, internal route) what became of an order. */
export class InvokedOrderFates implements OrderFates {
  constructor(private readonly sidecar: Sidecar) {}

  async fateOf(orderId: string): Promise<OrderFate> {
    const response = await this.sidecar.invoke(APPS.order, 'GET', `internal/orders/${encodeURIComponent(orderId)}/fate`, { timeoutMs: 3_000 });
    const fate = response.status === 200 ? (JSON.parse(response.body) as { fate?: OrderFate }).fate : undefined;
    if (!fate || !FATES.has(fate)) throw new Error(`the order service did not say what became of ${orderId}: ${response.status}`);
    return fate;
  }
}
