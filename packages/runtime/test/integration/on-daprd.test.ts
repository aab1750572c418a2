import { waitFor } from '@bookstore/stack';
import { ActorState, CloudEvent, EventContract, toCloudEvent, z } from '../../src';
import { ACTOR_TYPE, Counted, DeadLetters, Flaky, Strict } from './support/app';
import { Harness, startHarness } from './support/harness';
import { redisPending } from './support/processes';
import { APP_ID, PUBSUB, STORE } from './support/resources';

/**
 * The runtime on one real daprd: turns placed by a real placement service, state in SQLite
 * through the sidecar, events through Redis Streams, reminders through a real scheduler.
 */
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 120_000);

afterAll(async () => {
  await h?.stop();
}, 60_000);

const json = (body: string): unknown => JSON.parse(body);

describe('actor turns on a real daprd', () => {
  it('given many concurrent calls to one actor, when each reads, waits and writes its count, then they never interleave and none is lost', async () => {
    const calls = 20;
    const answers = await Promise.all(Array.from({ length: calls }, (_, i) => h.callActor('serial', 'add', { label: String(i), pauseMs: 5 })));
    expect(answers.map((a) => a.status)).toEqual(Array(calls).fill(200));
    expect(json((await h.callActor('serial', 'count')).body)).toBe(calls);
    const turns = h.recorder.turns.filter((t) => t.includes(' serial '));
    expect(turns).toHaveLength(2 * calls);
    for (let i = 0; i < turns.length; i += 2) {
      const label = turns[i]!.split(' ')[2];
      expect([turns[i], turns[i + 1]]).toEqual([`start serial ${label}`, `end serial ${label}`]);
    }
    // Every answer is a distinct count: each turn saw the write of the one before it.
    expect(new Set(answers.map((a) => (json(a.body) as { count: number }).count)).size).toBe(calls);
  });

  it('given two different actor ids, when each turn waits for the other to begin, then they run at the same time', async () => {
    const [a, b] = await Promise.all([h.callActor('meet-a', 'rendezvous', { other: 'meet-b' }), h.callActor('meet-b', 'rendezvous', { other: 'meet-a' })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect([json(a.body), json(b.body)]).toEqual([{ met: true }, { met: true }]);
  });
});

/** Another activation of the same actor (another host, as far as the store can tell), through the test's own client. */
const otherActivation = (id: string): ActorState => new ActorState(h.sidecar, STORE, ACTOR_TYPE, id);

/** What the store holds for an actor now, read by a fresh activation. */
async function stored(id: string): Promise<{ count?: number; last?: string; outbox?: CloudEvent[] }> {
  const values = await otherActivation(id).getMany<unknown>(['count', 'last', 'outbox']);
  return Object.fromEntries([...values].filter(([, v]) => v !== undefined)) as { count?: number; last?: string; outbox?: CloudEvent[] };
}

const delivered = (id: string, topic = Counted.topic): number => h.recorder.delivered(topic, id);

/** Waits until the event has been delivered; fails with what was seen instead. */
async function untilDelivered(id: string, timeoutMs = 20_000, topic = Counted.topic, times = 1): Promise<void> {
  await waitFor(`${topic} ${id} delivered`, async () => h.recorder.delivered(topic, id) >= times, timeoutMs, 100);
}

/**
 * Emits a marker event from the actor and waits for it: whatever an earlier turn of the
 * same actor would have published (a duplicate, a failed turn's event) was sent before it.
 */
async function marker(actor: string, id: string): Promise<void> {
  expect((await h.callActor(actor, 'add', { label: 'marker', emit: id })).status).toBe(200);
  await untilDelivered(id);
}

const publish = <S extends z.ZodType>(contract: EventContract<S>, data: unknown, id: string): Promise<void> =>
  h.sidecar.publish(PUBSUB, contract.topic, toCloudEvent(APP_ID, contract, data as z.output<S>, id));

describe('a turn whose state another writer changed between its read and its commit', () => {
  it('given a fresh activation, when another activation commits meanwhile, then the turn fails, the store holds exactly what the other wrote, and its event is never sent', async () => {
    const seed = otherActivation('conflict-fresh');
    seed.set('count', 5);
    seed.set('last', 'seed');
    await seed.commit();
    h.recorder.between.set('conflict-fresh', async () => {
      const intruder = otherActivation('conflict-fresh');
      intruder.set('count', ((await intruder.get<number>('count')) ?? 0) + 45);
      intruder.set('last', 'intruder');
      await intruder.commit();
    });
    const answer = await h.callActor('conflict-fresh', 'add', { label: 'loser', emit: 'conflict-fresh-lost' });
    h.recorder.between.delete('conflict-fresh');

    expect(answer.status).toBe(500);
    expect(await stored('conflict-fresh')).toEqual({ count: 50, last: 'intruder' }); // no count 6, no 'loser', no outbox
    // The next turn starts from what the store holds, and its event goes out: the lost one never did.
    expect(json((await h.callActor('conflict-fresh', 'add', { label: 'after', emit: 'conflict-fresh-after' })).body)).toEqual({ count: 51 });
    await untilDelivered('conflict-fresh-after');
    expect(delivered('conflict-fresh-lost')).toBe(0);
  });

  it('given an activation that committed before, when another activation commits before its next commit, then that turn fails too and changes nothing', async () => {
    expect((await h.callActor('conflict-warm', 'add', { label: 'first' })).status).toBe(200);
    h.recorder.between.set('conflict-warm', async () => {
      const intruder = otherActivation('conflict-warm');
      intruder.set('count', 100);
      intruder.set('last', 'intruder');
      await intruder.commit();
    });
    const answer = await h.callActor('conflict-warm', 'add', { label: 'loser', emit: 'conflict-warm-lost' });
    h.recorder.between.delete('conflict-warm');

    expect(answer.status).toBe(500);
    expect(await stored('conflict-warm')).toEqual({ count: 100, last: 'intruder' });
    await marker('conflict-warm', 'conflict-warm-after');
    expect(delivered('conflict-warm-lost')).toBe(0);
    expect(await stored('conflict-warm')).toEqual({ count: 101, last: 'marker' });
  });
});

describe('the outbox of actor turns', () => {
  it('given a turn that emits, when it commits, then its event is published once and the outbox is empty', async () => {
    expect((await h.callActor('outbox-once', 'add', { label: 'one', emit: 'outbox-once-1' })).status).toBe(200);
    // The turn answers after its flush: the outbox is already empty.
    expect(await stored('outbox-once')).toEqual({ count: 1, last: 'one' });
    await untilDelivered('outbox-once-1');
    await marker('outbox-once', 'outbox-once-2');
    expect(delivered('outbox-once-1')).toBe(1);
    expect(h.recorder.handledCount(Counted.topic, 'outbox-once-1')).toBe(1);
  });

  it('given a host that crashed after its turn committed and before it published, when a fresh host takes over, then the reminder publishes the event once', async () => {
    h.actors.currentSidecar.failPublish = true;
    expect((await h.callActor('crash', 'add', { label: 'committed', emit: 'crash-1' })).status).toBe(200);
    const kept = await stored('crash');
    expect(kept.count).toBe(1);
    expect(kept.outbox?.map((e) => e.id)).toEqual(['crash-1']);
    expect(h.log.lines.some((l) => l.msg.startsWith('events kept in the actor outbox'))).toBe(true);

    await h.actors.crash(); // its memory gone; only the store and the scheduler's reminder remain
    await untilDelivered('crash-1', 30_000); // the outbox reminder is due 10 s after the turn
    await waitFor('the outbox emptied', async () => (await stored('crash')).outbox === undefined, 10_000);
    await marker('crash', 'crash-2');
    expect(delivered('crash-1')).toBe(1);
    expect(await stored('crash')).toEqual({ count: 2, last: 'marker' });
  });
});

describe('subscriptions on a real broker', () => {
  /** Whether Redis holds no unacknowledged message of this app on a topic: nothing of it will be redelivered. */
  const acknowledged = async (topic: string): Promise<boolean> => (await redisPending(h.ports.redis, topic, APP_ID)) === 0;

  it('given a handler that throws, when Dapr is answered RETRY, then the event is delivered again until it is handled, and handled once', async () => {
    await publish(Flaky, { fail: 2 }, 'flaky-1');
    await waitFor('flaky-1 handled', async () => h.recorder.handledCount(Flaky.topic, 'flaky-1') === 1, 20_000, 100);
    await waitFor('flaky-1 acknowledged', () => acknowledged(Flaky.topic), 10_000, 100);
    expect(delivered('flaky-1', Flaky.topic)).toBe(3);
    expect(h.recorder.handledCount(Flaky.topic, 'flaky-1')).toBe(1);
    expect(delivered('flaky-1', DeadLetters.topic)).toBe(0);
  });

  it('given an event that breaks its contract, when it is delivered, then it is dropped to the dead-letter topic and not delivered again', async () => {
    await publish(Strict, { n: 1.5 }, 'strict-bad');
    await untilDelivered('strict-bad', 20_000, DeadLetters.topic);
    // Acknowledged on its topic: neither daprd nor the broker will hand it out again.
    await waitFor('strict-bad acknowledged', () => acknowledged(Strict.topic), 10_000, 100);
    expect(delivered('strict-bad', Strict.topic)).toBe(1);
    expect(h.recorder.handledCount(Strict.topic, 'strict-bad')).toBe(0);
    expect(delivered('strict-bad', DeadLetters.topic)).toBe(1);
    expect(h.recorder.handledCount(DeadLetters.topic, 'strict-bad')).toBe(1);
  });
});

// Last: Redis comes back empty (no persistence), and with it every stream and consumer group.
describe('the outbox when the broker is down', () => {
  it('given Redis stopped, when a turn emits, then it commits and keeps its event, and once Redis is back the event arrives once', async () => {
    await h.stopRedis();
    try {
      expect((await h.callActor('broker', 'add', { label: 'while-down', emit: 'broker-1' })).status).toBe(200);
      const kept = await stored('broker');
      expect(kept.count).toBe(1);
      expect(kept.outbox?.map((e) => e.id)).toEqual(['broker-1']);
      expect(delivered('broker-1')).toBe(0);
    } finally {
      await h.startRedis();
    }
    await untilDelivered('broker-1', 40_000);
    await waitFor('the outbox emptied', async () => (await stored('broker')).outbox === undefined, 10_000);
    await marker('broker', 'broker-2');
    expect(delivered('broker-1')).toBe(1);
  });
});
