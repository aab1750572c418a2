import { UNIT_PRICE, type ChargeAnswer, type ChargeRequest, type RefundAnswer } from '@coffee/contracts';

/** One order's payment, as its PaymentActor keeps it. */
export type Payment = { status: 'none' } | { status: 'paid'; amount: number } | { status: 'refunded'; amount: number };

export const NO_PAYMENT: Payment = { status: 'none' };

export function price(qty: number): number {
  return qty * UNIT_PRICE;
}

/** What a charge does: charges once (idempotent by orderId = actor id); never after a refund. */
export function charge(payment: Payment, request: ChargeRequest): { next: Payment; answer: ChargeAnswer; charged: boolean } {
  switch (payment.status) {
    case 'none': {
      const amount = price(request.qty);
      return { next: { status: 'paid', amount }, answer: { outcome: 'paid', amount }, charged: true };
    }
    case 'paid':
      // A retried charge (its answer was lost) answers the same and charges nothing more.
      return { next: payment, answer: { outcome: 'paid', amount: payment.amount }, charged: false };
    case 'refunded':
      // The order refunded first (its charge timed out): a late charge must not take money.
      return { next: payment, answer: { outcome: 'refused', reason: 'ALREADY_REFUNDED' }, charged: false };
  }
}

/** What a refund does: refunds a paid order once; refunding nothing still closes the order to charges. */
export function refund(payment: Payment): { next: Payment; answer: RefundAnswer; refunded: boolean } {
  switch (payment.status) {
    case 'none':
      return { next: { status: 'refunded', amount: 0 }, answer: { outcome: 'nothing-to-refund', amount: 0 }, refunded: false };
    case 'paid':
      return { next: { status: 'refunded', amount: payment.amount }, answer: { outcome: 'refunded', amount: payment.amount }, refunded: true };
    case 'refunded':
      return { next: payment, answer: { outcome: 'refunded', amount: payment.amount }, refunded: false };
  }
}
