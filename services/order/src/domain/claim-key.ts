import { decide, KeyRecord, RememberedOutcome } from './idempotency';
import { IdempotencyKeys } from './ports';

export interface ClaimPolicy {
  /** How long a holder keeps its key before others may take over (longer than a whole placement). */
  leaseMs: number;
  /** How often, and for how long at most, a duplicate waits for the holder's answer. */
  pollMs: number;
  maxWaitMs: number;
}

export interface ClaimDeps {
  keys: IdempotencyKeys;
  claimPolicy: ClaimPolicy;
  newId(): string;
  nowMs(): number;
  sleep(ms: number): Promise<void>;
}

export type Claim =
  /** `takenOver`: the orderId is a stalled holder's, whose order may be placed already. */
  { kind: 'go'; orderId: string; takenOver: boolean } | { kind: 'replay'; outcome: RememberedOutcome } | { kind: 'mismatch' } | { kind: 'busy' };

/**
 * Takes hold of an Idempotency-Key for one placement. Two requests with one key: the first
 * to store its claim places the order; the other waits (polling) for that answer and replays
 * it, and is told "busy" (409, retry) only if the first takes longer than `maxWaitMs`.
 */
export async function claimKey(deps: ClaimDeps, key: string, fingerprint: string): Promise<Claim> {
  const { keys, claimPolicy } = deps;
  const deadline = deps.nowMs() + claimPolicy.maxWaitMs;
  const hold = (orderId: string): KeyRecord => ({
    state: 'in-flight',
    fingerprint,
    orderId,
    claimId: deps.newId(),
    leaseUntil: deps.nowMs() + claimPolicy.leaseMs,
  });

  for (;;) {
    const fresh = hold(deps.newId());
    const result = await keys.claim(key, fresh);
    if (result.claimed) return { kind: 'go', orderId: fresh.orderId, takenOver: false };
    if (result.existing) {
      const decision = decide(result.existing.value, fingerprint, deps.nowMs());
      switch (decision.kind) {
        case 'replay':
          return { kind: 'replay', outcome: decision.outcome };
        case 'mismatch':
          return { kind: 'mismatch' };
        case 'take-over':
        case 'start-over': {
          const mine = hold(decision.kind === 'take-over' ? decision.orderId : deps.newId());
          if (await keys.replace(key, mine, result.existing.version)) return { kind: 'go', orderId: mine.orderId, takenOver: decision.kind === 'take-over' };
          continue; // another request took it first: look again
        }
        case 'wait':
          if (deps.nowMs() >= deadline) return { kind: 'busy' };
          await deps.sleep(claimPolicy.pollMs);
          continue;
      }
    }
    // The record vanished between our claim and our read (it expired): claim again, after a pause.
    if (deps.nowMs() >= deadline) return { kind: 'busy' };
    await deps.sleep(claimPolicy.pollMs);
  }
}
