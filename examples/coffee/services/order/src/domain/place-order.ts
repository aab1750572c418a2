import type { ChargeAnswer } from '@coffee/contracts';

/** How a charge attempt ended, as the order service sees it through the sidecar. */
export type ChargeResult = { kind: 'answered'; answer: ChargeAnswer } | { kind: 'unavailable' } | { kind: 'lost' };

/** What placing an order decides: place it, or answer 503 — and, when the answer was lost, refund by orderId. */
export function decide(result: ChargeResult): { place: boolean; refund: boolean; problem?: 'PAYMENT_UNAVAILABLE' | 'PAYMENT_REFUSED' } {
  if (result.kind === 'unavailable') return { place: false, refund: false, problem: 'PAYMENT_UNAVAILABLE' };
  // A timeout may still have charged: compensate by orderId (the refund also closes it to a late charge).
  if (result.kind === 'lost') return { place: false, refund: true, problem: 'PAYMENT_UNAVAILABLE' };
  if (result.answer.outcome === 'refused') return { place: false, refund: false, problem: 'PAYMENT_REFUSED' };
  return { place: true, refund: false };
}
