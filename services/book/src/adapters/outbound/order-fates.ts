import { Sidecar } from '@bookstore/runtime';
import { APPS, OrderFate, orderFateAnswer, orderFatePath } from '@bookstore/contracts';
import { OrderFates } from '../../domain/ports';

/** Asks the order service (Dapr service invocation, its internal route) what became of an order. */
export class InvokedOrderFates implements OrderFates {
  constructor(private readonly sidecar: Sidecar) {}

  async fateOf(orderId: string): Promise<OrderFate> {
    const response = await this.sidecar.invoke(APPS.order, 'GET', orderFatePath(orderId), { timeoutMs: 3_000 });
    const answer = response.status === 200 ? orderFateAnswer.safeParse(JSON.parse(response.body)) : undefined;
    if (!answer?.success || answer.data.orderId !== orderId) throw new Error(`the order service did not say what became of ${orderId}: ${response.status}`);
    return answer.data.fate;
  }
}
