import { performance } from 'node:perf_hooks';
import { httpStatus, sleep, waitFor } from '@bookstore/stack';
import { startFloor } from './floor/launch';
import { Client } from './http';
import { closedLoop, Step } from './load';
import { Context, waitDrained } from './context';
import { answerFigures } from './figures';
import { ScenarioResult } from './result';
import { summarize } from './stats';

const empty = summarize([]);

/** One call of the chain, to one of 50 FloorActors (as orders spread over books). */
const floorCall = (): Step => ({ op: 'call', call: { method: 'POST', path: '/order', body: { actorId: String(Math.floor(Math.random() * 50)) } } });

/**
 * The floor's sidecars leaving placement re-disseminate the actor table to the shop's too:
 * the next scenario starts once the shop answers again.
 */
async function shopSettled(ctx: Context): Promise<void> {
  await waitFor(
    'the bookstore after the floor',
    async () => (await httpStatus(`${ctx.target.gatewayUrl}/readyz`)) === 200 && (await httpStatus(`${ctx.target.gatewayUrl}/books?limit=1`)) === 200,
    30_000,
  );
  await sleep(1_000);
}

/**
 * The floor: the same sidecar hops as one order with no business logic, on the stack's own
 * daprd binary, Sentry, placement, scheduler, Redis and PostgreSQL. Its CPU per call counts
 * the floor's apps and sidecars and the shared stores and control plane.
 */
export async function floor(ctx: Context): Promise<ScenarioResult> {
  const users = 100;
  const duration = ctx.durationSeconds ?? (ctx.quick ? 6 : 60);
  const offset = Number(process.env.BOOKSTORE_PORT_OFFSET ?? 0);
  ctx.log('  starting the floor: 6 no-op apps, each with its own daprd');
  const started = await startFloor(ctx.target, offset, ctx.log);
  try {
    const shared = ['redis', 'postgres', 'placement', 'scheduler', 'sentry'];
    const stack = ctx.target.processes();
    for (const name of shared) if (stack.has(name)) ctx.sampler.watch(name, stack.get(name)!);
    for (const [name, pid] of started.processes) ctx.sampler.watch(name, pid);
    const counted = [...shared, ...started.processes.keys()];
    const client = new Client(started.edgeUrl, users);
    // A short warm-up, not counted: connections opened, every FloorActor placed.
    await closedLoop(client, 10, 2_000, floorCall);
    await waitDrained(ctx, (s) => s.startsWith('Floor'));
    const from = ctx.sampler.mark();
    const loadStart = performance.now();
    ctx.log(`  ${users} users, closed loop, ${duration} s`);
    const records = await closedLoop(client, users, duration * 1000, floorCall);
    const loadEnd = performance.now();
    await client.close();
    const streamsMs = await waitDrained(ctx, (s) => s.startsWith('Floor'));
    const to = ctx.sampler.mark();
    const processes = ctx.sampler.figures(from, to);
    for (const name of started.processes.keys()) ctx.sampler.unwatch(name);
    const cpuSeconds = counted.reduce((sum, name) => sum + (processes[name]?.cpuSeconds ?? 0), 0);
    const accepted = records.filter((r) => r.status === 201).length;
    return {
      name: 'floor',
      what: 'No-op chain with the hops of one order: client → floor-edge → (invoke) floor-order → (actor) FloorActor turn with one state transaction → one PostgreSQL state write → one publish → 4 subscribers, one of which publishes to a fifth.',
      settings: { users, seconds: duration, loop: 'closed', actors: 50 },
      ...answerFigures({ records, mainOp: 'call', loadStart, loadEnd }),
      lag: { myPage: empty, mileage: empty, unseen: 0, deliveryStartedEvent: empty, myPageValues: [], mileageValues: [] },
      drain: { streamsMs, finalMs: streamsMs },
      processes,
      cpu: { shopSeconds: cpuSeconds, perAcceptedMs: accepted ? (cpuSeconds * 1000) / accepted : Number.NaN },
      checks: { stock: [], fates: { lost: [], notFinal: [], unanswered: [] }, mileage: [], notes: [] },
    };
  } finally {
    await started.stop();
    // The floor's streams are its own; they are not kept.
    const streams = (await ctx.target.redis.keys('Floor*')) as string[];
    if (streams.length) await ctx.target.redis.del(...streams);
    await shopSettled(ctx);
  }
}
