import express from 'express';
import request from 'supertest';
import { ActorHost, CloudEvent, EventContract, Logger, Sidecar, z } from '../src';
import { VersionedStore } from './support/versioned-store';

const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const Counted: EventContract<z.ZodObject<{ n: z.ZodNumber }>> = { topic: 'Counted', schema: z.object({ n: z.number() }) };

/** The sidecar calls the host makes, over memory: state with real guards, reminders, publishing that can fail. */
class HostSidecar extends VersionedStore {
  readonly published: string[] = [];
  readonly reminders: string[] = [];
  failPublishes = 0;
  async setReminder(_type: string, _id: string, name: string): Promise<void> {
    this.reminders.push(`set ${name}`);
  }
  async deleteReminder(_type: string, _id: string, name: string): Promise<void> {
    this.reminders.push(`delete ${name}`);
  }
  async publish(_pubsub: string, _topic: string, event: CloudEvent): Promise<void> {
    if (this.failPublishes > 0) {
      this.failPublishes -= 1;
      throw new Error('broker down');
    }
    this.published.push(event.id);
  }
}

/** A Counter actor: `add` counts, emits what it counted; `slow` waits on a gate before it reads. */
function host(sidecar: HostSidecar) {
  const order: string[] = [];
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const actors = new ActorHost(sidecar as unknown as Sidecar, silent, { source: 'test', store: 'actorstore', pubsub: 'pubsub' }).register({
    type: 'Counter',
    create: ({ state, emit }) => ({
      methods: {
        add: async (body) => {
          const { n, label } = body as { n: number; label?: string };
          order.push(`start ${label ?? n}`);
          const count = ((await state.get<number>('count')) ?? 0) + n;
          state.set('count', count);
          emit(Counted, { n: count }, `Counted-${count}`);
          order.push(`end ${label ?? n}`);
          return { count };
        },
        slow: async () => {
          order.push('start slow');
          await gate;
          state.set('count', ((await state.get<number>('count')) ?? 0) + 100);
          order.push('end slow');
          return null;
        },
      },
    }),
  });
  return { app: express().use(actors.router()), order, open };
}

const add = (app: express.Express, n: number, label?: string) => request(app).put('/actors/Counter/c1/method/add').send({ n, label });
const KEY = (key: string): string => `Counter:c1:${key}`;

describe('the actor host', () => {
  it('when two calls reach one actor at once, then the second turn starts after the first has committed', async () => {
    const sidecar = new HostSidecar();
    const { app, order, open } = host(sidecar);
    const slow = request(app)
      .put('/actors/Counter/c1/method/slow')
      .send({})
      .then((r) => r.status);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const fast = add(app, 1, 'fast').then((r) => r.body as { count: number });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(['start slow']);
    open();
    expect(await slow).toBe(200);
    expect(await fast).toEqual({ count: 101 });
    expect(order).toEqual(['start slow', 'end slow', 'start fast', 'end fast']);
  });

  it('when a turn emits, then its event is written with its state, sent once after the commit, and the outbox emptied', async () => {
    const sidecar = new HostSidecar();
    const { app } = host(sidecar);
    expect((await add(app, 2)).body).toEqual({ count: 2 });
    expect(sidecar.transactions[0]!.map((op) => [op.operation, op.request.key])).toEqual([
      ['upsert', KEY('@fence')],
      ['upsert', KEY('count')],
      ['upsert', KEY('outbox')],
    ]);
    expect(sidecar.published).toEqual(['Counted-2']);
    expect(sidecar.rows.has(KEY('outbox'))).toBe(false);
    expect(sidecar.reminders).toEqual(['set flush-outbox', 'delete flush-outbox']);
  });

  it('when the broker fails after the commit, then the events stay in the outbox and the reminder sends them, once', async () => {
    const sidecar = new HostSidecar();
    const { app } = host(sidecar);
    sidecar.failPublishes = 1;
    expect((await add(app, 2)).status).toBe(200); // the turn stands: its event is safe in the outbox
    expect(sidecar.published).toEqual([]);
    expect((sidecar.rows.get(KEY('outbox'))?.value as CloudEvent[]).map((e) => e.id)).toEqual(['Counted-2']);
    expect(sidecar.reminders).toEqual(['set flush-outbox']);
    expect((await request(app).put('/actors/Counter/c1/method/remind/flush-outbox').send({})).status).toBe(200);
    expect(sidecar.published).toEqual(['Counted-2']);
    expect(sidecar.rows.has(KEY('outbox'))).toBe(false);
    expect(sidecar.reminders).toEqual(['set flush-outbox', 'delete flush-outbox']);
  });

  it('when another activation committed meanwhile, then the turn fails and no key of it (state or outbox) changes, nor is anything sent', async () => {
    const sidecar = new HostSidecar();
    const { app } = host(sidecar);
    await add(app, 1);
    // Another activation of Counter/c1 (on a host that took over) commits a turn.
    const rowsAfterOther = (): Map<string, unknown> => new Map([...sidecar.rows].map(([k, v]) => [k, v.value]));
    await sidecar.transact('actorstore', [
      {
        operation: 'upsert',
        request: { key: KEY('@fence'), value: 'other:1', etag: String(sidecar.rows.get(KEY('@fence'))!.version), options: { concurrency: 'first-write' } },
      },
      { operation: 'upsert', request: { key: KEY('count'), value: 50 } },
    ]);
    const before = rowsAfterOther();
    const published = sidecar.published.length;
    expect((await add(app, 5)).status).toBe(500);
    expect(rowsAfterOther()).toEqual(before);
    expect(sidecar.published).toHaveLength(published);
    // The activation dropped what it knew: the next turn works on the other's state.
    expect((await add(app, 5)).body).toEqual({ count: 55 });
  });
});
