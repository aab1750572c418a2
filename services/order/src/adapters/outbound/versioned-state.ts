import { Sidecar, SidecarError, StateOperation } from '@bookstore/runtime';
import { Versioned } from '../../domain/ports';

export type StateMetadata = Record<string, string>;

/**
 * Compare-and-set over a Dapr state store's HTTP API, which the runtime's helpers do not
 * expose: reads with their ETag, first-write inserts and ETag-guarded replaces. Every call
 * but a query has `timeoutMs`: a placement's commit and the question that settles a lost
 * answer must end well inside the time the gateway waits, so the answer is the truth.
 */
export class VersionedState {
  private readonly budget: { timeoutMs: number };

  constructor(
    private readonly sidecar: Sidecar,
    readonly store: string,
    timeoutMs = 10_000,
  ) {
    this.budget = { timeoutMs };
  }

  async get<T>(key: string): Promise<Versioned<T> | undefined> {
    const response = await this.sidecar.request('GET', `/v1.0/state/${this.store}/${encodeURIComponent(key)}`, this.budget);
    if (response.status === 204 || (response.status === 200 && response.body === '')) return undefined;
    if (response.status !== 200) throw new SidecarError(`get state ${this.store}/${key}: ${response.status}`, response.status, 'ERR_STATE_GET');
    return { value: JSON.parse(response.body) as T, version: response.headers.get('etag') ?? '' };
  }

  /**
   * Stores `value` only if `key` holds nothing (first-write without an ETag). A lost race
   * comes back from the store as a plain error, not a 409, so the key is read again to tell
   * "someone else was first" (false) from a real failure (thrown).
   */
  async insert(key: string, value: unknown, metadata?: StateMetadata): Promise<boolean> {
    try {
      await this.sidecar.call('POST', `/v1.0/state/${this.store}`, {
        body: [{ key, value, options: { concurrency: 'first-write' }, ...(metadata ? { metadata } : {}) }],
        ...this.budget,
      });
      return true;
    } catch (error) {
      if (!(error instanceof SidecarError)) throw error;
      if (await this.get(key)) return false;
      throw error;
    }
  }

  /** Replaces `key` if it is still at `version`: false when someone changed it first (409). */
  async replace(key: string, value: unknown, version: string, metadata?: StateMetadata): Promise<boolean> {
    try {
      await this.sidecar.call('POST', `/v1.0/state/${this.store}`, {
        body: [{ key, value, etag: version, options: { concurrency: 'first-write' }, ...(metadata ? { metadata } : {}) }],
        ...this.budget,
      });
      return true;
    } catch (error) {
      if (error instanceof SidecarError && error.status === 409) return false;
      throw error;
    }
  }

  async put(key: string, value: unknown, metadata?: StateMetadata): Promise<void> {
    await this.sidecar.call('POST', `/v1.0/state/${this.store}`, { body: [{ key, value, ...(metadata ? { metadata } : {}) }], ...this.budget });
  }

  async delete(key: string): Promise<void> {
    await this.sidecar.call('DELETE', `/v1.0/state/${this.store}/${encodeURIComponent(key)}`, this.budget);
  }

  /** All operations or none; an ETag that no longer matches fails the whole transaction (as a 500). */
  async transact(operations: StateOperation[]): Promise<void> {
    await this.sidecar.call('POST', `/v1.0/state/${this.store}/transaction`, { body: { operations }, ...this.budget });
  }

  /** The state query API (alpha): one page of raw results. */
  async query<T>(query: unknown): Promise<T[]> {
    const answer = await this.sidecar.call<{ results?: Array<{ data: T }> }>('POST', `/v1.0-alpha1/state/${this.store}/query`, { body: query });
    return (answer?.results ?? []).map((r) => r.data);
  }
}
