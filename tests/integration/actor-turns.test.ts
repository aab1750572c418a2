import { ActorState, newId, Sidecar } from '@bookstore/runtime';
import { STORES } from '@bookstore/contracts';
import { portPlan, readCredentials, ServiceName } from '../../tools/stack/src';

/** A service's own sidecar, as its app reaches it (its Dapr API token). */
function sidecarOf(service: ServiceName): Sidecar {
  return new Sidecar({ httpPort: portPlan().plan.services[service].http, apiToken: readCredentials().apps[service].daprApiToken });
}

/**
 * Atomic actor turns on the real actor store (PostgreSQL through the book's sidecar): the
 * conflict is forced by a second activation of the same actor committing in between, as
 * when an actor moves to another host while its old host is frozen.
 */
describe('an actor turn on the real actor store', () => {
  const sidecar = sidecarOf('book');
  const raw = async (key: string): Promise<unknown> => (await sidecar.getVersionedState(STORES.actors, key))?.value;
  afterAll(async () => sidecar.close());

  it('when another activation committed since this one last did, then its turn fails and no key of it (state or outbox) changed', async () => {
    const id = `probe-${newId()}`;
    const key = (k: string): string => `TurnProbe:${id}:${k}`;
    const mine = new ActorState(sidecar, STORES.actors, 'TurnProbe', id);
    await mine.get('book');
    mine.set('book', { stock: 5 });
    mine.set('outbox', [{ id: 'first' }]);
    await mine.commit();

    const other = new ActorState(sidecar, STORES.actors, 'TurnProbe', id);
    await other.getMany(['book', 'outbox']);
    other.set('book', { stock: 4 });
    other.delete('outbox');
    await other.commit();

    // The stale activation's turn: it never saw the other's commit (its memory says stock 5).
    expect(await mine.get('book')).toEqual({ stock: 5 });
    mine.set('book', { stock: 3 });
    mine.set('reservation:o1', { orderId: 'o1', qty: 2 });
    mine.set('outbox', [{ id: 'first' }, { id: 'second' }]);
    await expect(mine.commit()).rejects.toThrow();
    expect(await raw(key('book'))).toEqual({ stock: 4 });
    expect(await raw(key('reservation:o1'))).toBeUndefined();
    expect(await raw(key('outbox'))).toBeUndefined();
    // Its memory is gone: the next turn works on what the other wrote.
    expect(await mine.get('book')).toEqual({ stock: 4 });
  });

  it('when the stale activation starts a turn that reads, then it fails at that read, before it decides anything', async () => {
    const id = `probe-${newId()}`;
    const mine = new ActorState(sidecar, STORES.actors, 'TurnProbe', id);
    await mine.get('book');
    mine.set('book', { stock: 5 });
    await mine.commit();
    const other = new ActorState(sidecar, STORES.actors, 'TurnProbe', id);
    await other.get('book');
    other.set('book', { stock: 1 });
    await other.commit();
    await expect(mine.getMany(['reservation:o1'])).rejects.toThrow('changed by another activation');
  });

  it("when a transaction's last guard fails, then the keys written before it in the same transaction are rolled back", async () => {
    const id = `probe-${newId()}`;
    const a = `TurnProbe:${id}:a`;
    const b = `TurnProbe:${id}:b`;
    await sidecar.transact(STORES.actors, [
      { operation: 'upsert', request: { key: b, value: 'b0' } },
      { operation: 'upsert', request: { key: a, value: 'a0' } },
    ]);
    await expect(
      sidecar.transact(STORES.actors, [
        { operation: 'upsert', request: { key: a, value: 'a1' } },
        { operation: 'upsert', request: { key: b, value: 'b1', options: { concurrency: 'first-write' } } }, // b exists: refused
      ]),
    ).rejects.toThrow();
    expect(await raw(a)).toBe('a0');
  });

  it('when the same happens on Redis (statestore), then the first key stays written: why actor state is not there', async () => {
    const delivery = sidecarOf('delivery');
    try {
      const id = newId();
      const a = `probe:${id}:a`;
      const b = `probe:${id}:b`;
      await delivery.transact(STORES.state, [{ operation: 'upsert', request: { key: b, value: 'b0' } }]);
      await delivery.transact(STORES.state, [{ operation: 'upsert', request: { key: a, value: 'a0' } }]);
      await expect(
        delivery.transact(STORES.state, [
          { operation: 'upsert', request: { key: a, value: 'a1' } },
          { operation: 'upsert', request: { key: b, value: 'b1', etag: '999999', options: { concurrency: 'first-write' } } },
        ]),
      ).rejects.toThrow();
      expect((await delivery.getVersionedState(STORES.state, a))?.value).toBe('a1');
      await delivery.transact(STORES.state, [
        { operation: 'delete', request: { key: a } },
        { operation: 'delete', request: { key: b } },
      ]);
    } finally {
      await delivery.close();
    }
  });
});
