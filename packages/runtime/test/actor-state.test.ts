import { ActorState, Sidecar, StaleActivationError } from '../src';
import { VersionedStore } from './support/versioned-store';

const stateOver = (store: VersionedStore): ActorState => new ActorState(store as unknown as Sidecar, 'actorstore', 'BookActor', 'b1');
const FENCE = 'BookActor:b1:@fence';

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

  it('when the state changed under a turn (another activation committed meanwhile), then its commit fails and writes nothing', async () => {
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
    slow.set('reservation:o1', { qty: 2 });
    await expect(slow.commit()).rejects.toThrow('etag mismatch');
    expect(store.rows.get('BookActor:b1:stock')?.value).toBe(4);
    expect(store.rows.has('BookActor:b1:reservation:o1')).toBe(false);
    expect(await slow.get('stock')).toBe(4); // it reads again after the failure
  });

  it('when a key read as absent was created meanwhile by another activation, then the commit creating it fails', async () => {
    const store = new VersionedStore();
    const slow = stateOver(store);
    await slow.get('reservation:o1');
    const fast = stateOver(store);
    await fast.get('reservation:o1');
    fast.set('reservation:o1', { qty: 1 });
    await fast.commit();
    slow.set('reservation:o1', { qty: 2 });
    await expect(slow.commit()).rejects.toThrow();
    expect(store.rows.get('BookActor:b1:reservation:o1')?.value).toEqual({ qty: 1 });
  });

  it("when another activation committed after this one, then this one's next turn fails at its first read, before it decides anything", async () => {
    const store = new VersionedStore();
    const mine = stateOver(store);
    mine.set('stock', 5);
    await mine.commit();
    const other = stateOver(store);
    await other.get('stock');
    other.set('stock', 1);
    await other.commit();
    await expect(mine.getMany(['reservation:o9'])).rejects.toBeInstanceOf(StaleActivationError);
    expect(await mine.get('stock')).toBe(1); // memory dropped: the next turn reads the truth
  });

  it('when turns follow each other in one activation, then each reads only keys it has not seen, in one call with the fence', async () => {
    const store = new VersionedStore();
    const state = stateOver(store);
    await state.getMany(['book', 'holds']);
    state.set('book', { stock: 5 });
    await state.commit();
    expect(store.calls).toEqual({ get: 0, bulk: 1, transact: 1 });
    // next turn: the book from memory; new per-order keys and the fence's new ETag in one read
    expect(await state.get('book')).toEqual({ stock: 5 });
    await state.getMany(['reservation:o1', 'reservation:o2']);
    state.set('book', { stock: 4 });
    await state.commit();
    expect(store.calls).toEqual({ get: 0, bulk: 2, transact: 2 });
    // a turn that reads nothing new reads the fence alone before it commits
    state.set('book', { stock: 3 });
    await state.commit();
    expect(store.calls).toEqual({ get: 1, bulk: 2, transact: 3 });
  });

  it('when a turn commits, then one transaction carries its keys and the fence, guarded by the fence alone', async () => {
    const store = new VersionedStore();
    const state = stateOver(store);
    await state.getMany(['book', 'holds']);
    state.set('book', { stock: 5 });
    state.set('reservation:o1', { qty: 1 });
    state.delete('holds'); // known to be absent: nothing to delete
    await state.commit();
    const [ops] = store.transactions;
    expect(ops!.map((op) => [op.operation, op.request.key])).toEqual([
      ['upsert', FENCE],
      ['upsert', 'BookActor:b1:book'],
      ['upsert', 'BookActor:b1:reservation:o1'],
    ]);
    expect(ops![0]!.request.options).toEqual({ concurrency: 'first-write' });
  });

  it('when a turn throws, then its changes are discarded, and so is what it might have changed in place', async () => {
    const store = new VersionedStore();
    const state = stateOver(store);
    state.set('stock', { n: 1 });
    await state.commit();
    (await state.get<{ n: number }>('stock'))!.n = 99; // a turn that mutates a value it read
    state.set('stock', 9);
    state.discard();
    expect(await state.get('stock')).toEqual({ n: 1 });
  });

  it('when an activation has read many keys, then it keeps at most a bounded number in memory', async () => {
    const store = new VersionedStore();
    const state = stateOver(store);
    for (let i = 0; i < 30; i++) await state.getMany(Array.from({ length: 100 }, (_, j) => `reservation:${i}-${j}`));
    const before = store.calls.bulk;
    await state.get('reservation:0-0'); // long evicted: read again
    expect(store.calls.bulk + store.calls.get).toBe(before + 1);
    await state.get('reservation:29-99'); // recent: from memory
    expect(store.calls.bulk + store.calls.get).toBe(before + 1);
  });
});
