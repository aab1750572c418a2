import { Order } from './order';

/** The answers worth remembering: API.md replays the first 201 or 409, nothing else. */
export type RememberedOutcome = { kind: 'ordered'; order: Order } | { kind: 'out-of-stock'; order: Order };

/**
 * What is stored under a customer's Idempotency-Key.
 * - `in-flight`: a request holds the key until `leaseUntil` (epoch ms); others wait for it.
 * - `released`: the request ended without an answer worth remembering (503, unknown book);
 *   the key is free again. Its placement was marked Failed, so whatever stock its
 *   reservation may have taken goes back (the book asks); a retry places a new order.
 * - `answered`: the first 201 or 409, replayed as it was.
 */
export type KeyRecord =
  | { state: 'in-flight'; fingerprint: string; orderId: string; claimId: string; leaseUntil: number }
  | { state: 'released'; fingerprint: string; orderId: string }
  | { state: 'answered'; fingerprint: string; orderId: string; outcome: RememberedOutcome };

export type KeyDecision =
  { kind: 'replay'; outcome: RememberedOutcome } | { kind: 'mismatch' } | { kind: 'wait' } | { kind: 'take-over'; orderId: string } | { kind: 'start-over' };

/** What a request with `fingerprint` does about the record another request left under its key. */
export function decide(existing: KeyRecord, fingerprint: string, now: number): KeyDecision {
  switch (existing.state) {
    case 'answered':
      return existing.fingerprint === fingerprint ? { kind: 'replay', outcome: existing.outcome } : { kind: 'mismatch' };
    case 'in-flight':
      if (existing.fingerprint !== fingerprint) return { kind: 'mismatch' };
      // A holder past its lease has crashed or stalled: its orderId is reused, so at most one reservation counts.
      return existing.leaseUntil > now ? { kind: 'wait' } : { kind: 'take-over', orderId: existing.orderId };
    case 'released':
      // Nothing was remembered: the retry is a new placement under a new orderId (reusing the
      // old one would meet the book's release of it: a released order takes nothing).
      return { kind: 'start-over' };
  }
}
