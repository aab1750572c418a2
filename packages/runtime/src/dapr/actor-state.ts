import { randomUUID } from 'node:crypto';
import { Sidecar, StateOperation } from './sidecar';

/** The state calls actor state makes. `getBulkState` may be missing (a test double): reads then go one by one. */
export type ActorStore = Pick<Sidecar, 'getVersionedState' | 'transact'> & Partial<Pick<Sidecar, 'getBulkState'>>;

/** A turn ran on state another activation of the same actor changed meanwhile: it failed, and committed nothing. */
export class StaleActivationError extends Error {
  constructor(actor: string) {
    super(`${actor}: its state was changed by another activation; the turn committed nothing`);
    this.name = 'StaleActivationError';
  }
}

/** The key every commit rewrites: one guard for the whole turn (see ActorState). */
const FENCE = '@fence';
/** Keys an activation keeps in memory besides the ones written by the turn under way. */
const CACHE_LIMIT = 1_000;

type Fence =
  /** Not known: read it (with the turn's first read) before committing. */
  | { kind: 'unread' }
  /** Read from the store: its ETag guards the next commit (undefined: must still be absent). */
  | { kind: 'read'; etag: string | undefined; value: string | undefined }
  /** Written by this activation's last commit: the store has a new ETag we do not know yet. */
  | { kind: 'written'; value: string };

/**
 * An actor's state for one activation: kept in memory across turns, written once per turn.
 * Changes stay pending until the turn ends well; a turn that throws discards them, and the
 * whole memory with them (a value the turn changed in place must not outlive it; the JS SDK's
 * state manager keeps such failed changes).
 *
 * It goes through Dapr's plain state API (keys `<type>:<id>:<key>`; Dapr reserves `||`), not
 * the actor state API: that one takes the placement lock, which a placement update holds
 * while it drains in-flight turns, so a turn that reads state during a rebalance waits on
 * itself until the drain times out.
 *
 * Dapr runs one turn at a time per actor, but that ends when the sidecar gives up on a call
 * the app is still running (a timeout), or when an actor moves to another host while its old
 * host is frozen. So every commit is one transaction that also rewrites a fence key
 * (`@fence`, a value naming this activation and its turn), guarded by the fence's ETag as the
 * activation last saw it: if any other activation committed since, the whole turn fails and
 * changes nothing (the store must roll a transaction back whole: PostgreSQL does, Redis does
 * not). Values stay in memory between turns, so a turn reads only what it has not seen; the
 * fence's new ETag is learnt with the next turn's first read (or, if that turn reads nothing,
 * with one read before its commit), and a fence whose value is not the one this activation
 * wrote means another activation wrote after it: that turn fails and the memory is dropped.
 */
export class ActorState {
  /** Committed values this activation knows (undefined: known to be absent); oldest first. */
  private readonly cache = new Map<string, unknown>();
  private readonly pending = new Map<string, { value: unknown } | 'delete'>();
  private fence: Fence = { kind: 'unread' };
  private readonly activation = randomUUID();
  private turns = 0;

  constructor(
    private readonly sidecar: ActorStore,
    private readonly store: string,
    private readonly type: string,
    private readonly id: string,
  ) {}

  private key(key: string): string {
    return `${this.type}:${this.id}:${key}`;
  }

  async get<T>(key: string): Promise<T | undefined> {
    return (await this.getMany<T>([key])).get(key);
  }

  /** Several keys, read in one call for those not in memory (and the fence, when its ETag is not known). */
  async getMany<T>(keys: string[]): Promise<Map<string, T | undefined>> {
    const missing = [...new Set(keys)].filter((key) => !this.pending.has(key) && !this.cache.has(key));
    if (missing.length > 0) await this.read(missing);
    const values = new Map<string, T | undefined>();
    for (const key of keys) values.set(key, this.peek(key) as T | undefined);
    return values;
  }

  set(key: string, value: unknown): void {
    this.pending.set(key, { value });
  }

  delete(key: string): void {
    this.pending.set(key, 'delete');
  }

  /** Writes the turn's changes in one transaction guarded by the fence; a failure leaves nothing changed, here or there. */
  async commit(): Promise<void> {
    if (this.pending.size === 0) return;
    try {
      if (this.fence.kind !== 'read') await this.read([]);
      const fence = this.fence as Extract<Fence, { kind: 'read' }>;
      const next = `${this.activation}:${++this.turns}`;
      const guard = fence.etag ? { etag: fence.etag } : {};
      const operations: StateOperation[] = [
        { operation: 'upsert', request: { key: this.key(FENCE), value: next, ...guard, options: { concurrency: 'first-write' } } },
      ];
      for (const [key, change] of this.pending) {
        if (change === 'delete') {
          if (this.cache.has(key) && this.cache.get(key) === undefined) continue; // known to be absent
          operations.push({ operation: 'delete', request: { key: this.key(key) } });
        } else {
          operations.push({ operation: 'upsert', request: { key: this.key(key), value: change.value } });
        }
      }
      await this.sidecar.transact(this.store, operations);
      this.fence = { kind: 'written', value: next };
    } catch (error) {
      this.forget();
      throw error;
    }
    for (const [key, change] of this.pending) this.remember(key, change === 'delete' ? undefined : change.value);
    this.pending.clear();
    this.trim();
  }

  /** The turn failed: nothing it did or read stays in memory. */
  discard(): void {
    this.forget();
  }

  private peek(key: string): unknown {
    const change = this.pending.get(key);
    if (change === 'delete') return undefined;
    if (change) return change.value;
    return this.cache.get(key);
  }

  private remember(key: string, value: unknown): void {
    this.cache.delete(key); // re-inserted: the most recently used go last
    this.cache.set(key, value);
  }

  private trim(): void {
    for (const key of this.cache.keys()) {
      if (this.cache.size <= CACHE_LIMIT) break;
      this.cache.delete(key);
    }
  }

  private forget(): void {
    this.cache.clear();
    this.pending.clear();
    this.fence = { kind: 'unread' };
  }

  /** Reads keys (and the fence, unless its ETag is known) in one call; checks the fence is still this activation's. */
  private async read(keys: string[]): Promise<void> {
    const withFence = this.fence.kind === 'read' ? keys : [...keys, FENCE];
    const found = await this.readFromStore(withFence.map((key) => this.key(key)));
    if (this.fence.kind !== 'read') {
      const fence = found.get(this.key(FENCE));
      const value = fence?.value as string | undefined;
      const expected = this.fence.kind === 'written' ? this.fence.value : undefined;
      if (this.fence.kind === 'written' && value !== expected) {
        this.forget();
        throw new StaleActivationError(`${this.type}/${this.id}`);
      }
      this.fence = { kind: 'read', etag: fence?.etag, value };
    }
    for (const key of keys) this.remember(key, found.get(this.key(key))?.value);
    this.trim();
  }

  private async readFromStore(keys: string[]): Promise<Map<string, { value: unknown; etag: string } | undefined>> {
    const found = new Map<string, { value: unknown; etag: string } | undefined>();
    if (this.sidecar.getBulkState && keys.length > 1) {
      const answer = await this.sidecar.getBulkState<unknown>(this.store, keys);
      for (const key of keys) found.set(key, answer.get(key));
    } else {
      const values = await Promise.all(keys.map((key) => this.sidecar.getVersionedState<unknown>(this.store, key)));
      keys.forEach((key, i) => found.set(key, values[i]));
    }
    return found;
  }
}
