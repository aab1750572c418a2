import { ActorState, Sidecar, StateOperation } from '../src';

/** A store with versions, honouring first-write guards as Dapr's state stores do. */
class VersionedStore {
  readonly rows = new Map<string, { value: unknown; version: number }>();
  async getVersionedState<T>(_store: string, key: string): Promise<{ value: T; etag: string } | undefined> {
    const row = this.rows.get(key);
    return row ? { value: row.value as T, etag: String(row.version) } : undefined;
  }
  async transact(_store: string, operations: StateOperation[]): Promise<void> {
    for (const op of operations) {
      const row = this.rows.get(op.request.key);
      const guarded = op.request.options?.concurrency === 'first-write';
      if (guarded && (op.request.etag === undefined ? row !== undefined : String(row?.version) !== op.request.etag)) {
        throw new Error('etag mismatch');
      }
    }
    for (const op of operations) {
      if (op.operation === 'delete') this.rows.delete(op.request.key);
      else this.rows.set(op.request.key, { value: op.request.value, version: (this.rows.get(op.request.key)?.version ?? 0) + 1 });
    }
  }
}

const stateOver = (store: VersionedStore): ActorState => new ActorState(store as unknown as Sidecar, 'statestore', 'BookActor', 'b1');

describe('actor state', () => {
  it('when a turn commits, then the next turn reads what it wrote', async () => {
    const store = new VersionedStore();
    const state = stateOver(store);
    expect(await state.get('stock')).toBeUndefined();
    state.set('stock', 5);
    await state.commit();
    expect(await state.get('stock')).toBe(5);
    expect(store.rows.get('BookActor:b1:stock')?.value).toBe(5);
  });

  it('when the state changed under a turn (another turn ran meanwhile), then its commit fails and writes nothing', async () => {
    const store = new VersionedStore();
    const first = stateOver(store);
    first.set('stock', 5);
    await first.commit();
    const slow = stateOver(store);
    const fast = stateOver(store);
    await slow.get('stock');
    await fast.get('stock');
    fast.set('stock', 4);
    await fast.commit();
    slow.set('stock', 3);
    await expect(slow.commit()).rejects.toThrow('etag mismatch');
    expect(store.rows.get('BookActor:b1:stock')?.value).toBe(4);
    expect(await slow.get('stock')).toBe(4); // it reads again after the failure
  });

  it('when a key read as absent was created meanwhile, then the commit creating it fails', async () => {
    const store = new VersionedStore();
    const slow = stateOver(store);
    await slow.get('reservation:o1');
    const fast = stateOver(store);
    await fast.get('reservation:o1');
    fast.set('reservation:o1', { qty: 1 });
    await fast.commit();
    slow.set('reservation:o1', { qty: 2 });
    await expect(slow.commit()).rejects.toThrow();
  });

  it('when a turn throws, then its changes are discarded', async () => {
    const state = stateOver(new VersionedStore());
    state.set('stock', 9);
    state.discard();
    expect(await state.get('stock')).toBeUndefined();
  });
});
