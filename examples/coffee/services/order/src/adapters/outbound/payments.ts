import type { Sidecar } from '@bookstore/runtime';
import { PAYMENT_ACTOR_TYPE, PAYMENT_METHODS, type ChargeAnswer, type ChargeRequest } from '@coffee/contracts';
import type { ChargeResult } from '../../domain/place-order';
import type { Payments } from '../../domain/ports';

/** The PaymentActor through the sidecar (daprd applies the resiliency policy: timeout, circuit breaker). */
export class ActorPayments implements Payments {
  constructor(
    private readonly sidecar: Sidecar,
    private readonly timeoutMs: number,
  ) {}

  async charge(orderId: string, request: ChargeRequest): Promise<ChargeResult> {
    try {
      const answer = await this.sidecar.invokeActor<ChargeAnswer>(PAYMENT_ACTOR_TYPE, orderId, PAYMENT_METHODS.charge, request, { timeoutMs: this.timeoutMs });
      return { kind: 'answered', answer };
    } catch {
      // The charge may have happened: the answer is lost, and the caller compensates.
      return { kind: 'lost' };
    }
  }

  async refund(orderId: string): Promise<void> {
    await this.sidecar.invokeActor(PAYMENT_ACTOR_TYPE, orderId, PAYMENT_METHODS.refund, {}, { timeoutMs: this.timeoutMs });
  }
}
