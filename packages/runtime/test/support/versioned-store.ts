import { StateOperation } from '../../src';

/**
 * State over memory with versions, honouring Dapr's guards (an ETag, or first-write without
 * one: "must be absent") and rolling a transaction back whole, as PostgreSQL does. Counts
 * the calls made to it.
 */
export class VersionedStore {
  readonly rows = new Map<string, { value: unknown; version: number }>();
  readonly calls = { get: 0, bulk: 0, transact: 0 };
  /** Operations of each transaction, as sent. */
  readonly transactions: StateOperation[][] = [];
  private version = 0;

  async getVersionedState<T>(_store: string, key: string): Promise<{ value: T; etag: string } | undefined> {
    this.calls.get += 1;
    return this.row<T>(key);
  }

  async getBulkState<T>(_store: string, keys: string[]): Promise<Map<string, { value: T; etag: string }>> {
    this.calls.bulk += 1;
    const found = new Map<string, { value: T; etag: string }>();
    for (const key of keys) {
      const row = this.row<T>(key);
      if (row) found.set(key, row);
    }
    return found;
  }

  async transact(_store: string, operations: StateOperation[]): Promise<void> {
    this.calls.transact += 1;
    this.transactions.push(operations);
    for (const op of operations) {
      const row = this.rows.get(op.request.key);
      const firstWrite = op.request.options?.concurrency === 'first-write';
      const mismatch = op.request.etag !== undefined ? String(row?.version) !== op.request.etag : firstWrite && row !== undefined;
      if (mismatch) throw new Error(`etag mismatch on ${op.request.key}`);
    }
    for (const op of operations) {
      if (op.operation === 'delete') this.rows.delete(op.request.key);
      else this.rows.set(op.request.key, { value: structuredClone(op.request.value), version: ++this.version });
    }
  }

  private row<T>(key: string): { value: T; etag: string } | undefined {
    const row = this.rows.get(key);
    return row ? { value: structuredClone(row.value) as T, etag: String(row.version) } : undefined;
  }
}
