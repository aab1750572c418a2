/**
 * `Idempotency-Key` (API.md): the same key from the same caller within 24 h replays the
 * first answer and does nothing more; the same key with another body is refused.
 *
 * What is remembered under a key: the request's fingerprint, the plan its first attempt
 * made (the ids and timestamps it chose, reused by every retry so that the actors see the
 * same request again and their own idempotency applies), and the result once there is one
 * worth replaying.
 */
export interface IdempotencyRecord<P, R> {
  fingerprint: string;
  plan: P;
  result?: R;
}

/**
 * Remembered requests, per scope (what the key is for) and caller, for 24 h.
 * `claim` stores `record` unless one is stored already, and answers what is stored.
 */
export interface IdempotencyStore {
  claim<P, R>(scope: string, callerId: string, key: string, record: IdempotencyRecord<P, R>): Promise<IdempotencyRecord<P, R>>;
  complete<P, R>(scope: string, callerId: string, key: string, record: IdempotencyRecord<P, R>): Promise<void>;
}

export type IdempotencyDecision<P, R> = { kind: 'mismatch' } | { kind: 'replay'; result: R } | { kind: 'proceed'; plan: P };

/**
 * Given what is stored under a key (the claim just made, or an earlier one) and this
 * request's fingerprint: another body is a mismatch; a finished request is replayed; an
 * unfinished one (this claim, or an attempt that died or failed midway) goes on with the
 * first attempt's plan.
 */
export function decide<P, R>(stored: IdempotencyRecord<P, R>, fingerprint: string): IdempotencyDecision<P, R> {
  if (stored.fingerprint !== fingerprint) return { kind: 'mismatch' };
  if (stored.result !== undefined) return { kind: 'replay', result: stored.result };
  return { kind: 'proceed', plan: stored.plan };
}

export interface IdempotentRequest<P> {
  store: IdempotencyStore;
  /** What the key is for (`restock`, `register`): keys of different requests never meet. */
  scope: string;
  callerId: string;
  /** Absent: no `Idempotency-Key` was sent; the work runs once with `freshPlan`. */
  key: string | undefined;
  fingerprint: string;
  freshPlan: P;
}

/** What the work came to, and whether a retry under the same key should replay it. */
export interface WorkOutcome<R> {
  result: R;
  remember: boolean;
}

/**
 * Runs `work` in effect once per key: the same key and body replays the remembered result;
 * the same key with another body is a mismatch. A result not remembered (an unknown book,
 * say), or work that throws, leaves the key open: a retry runs the work again with the same
 * plan, which the actors' idempotency makes safe.
 */
export async function idempotently<P, R>(
  request: IdempotentRequest<P>,
  work: (plan: P) => Promise<WorkOutcome<R>>,
): Promise<{ kind: 'mismatch' } | { kind: 'done'; result: R }> {
  const { store, scope, callerId, key, fingerprint, freshPlan } = request;
  if (key === undefined) return { kind: 'done', result: (await work(freshPlan)).result };
  const claimed = await store.claim<P, R>(scope, callerId, key, { fingerprint, plan: freshPlan });
  const decision = decide(claimed, fingerprint);
  if (decision.kind === 'mismatch') return decision;
  if (decision.kind === 'replay') return { kind: 'done', result: decision.result };
  const outcome = await work(decision.plan);
  if (outcome.remember) await store.complete<P, R>(scope, callerId, key, { ...claimed, result: outcome.result });
  return { kind: 'done', result: outcome.result };
}
