import { Keeper, KEEPER_DEFAULTS, rollingRestart } from '../../tools/stack/src';
import { steadyLoad } from '../support/shop';
import { ChaosStack, registerBook, report, session, startChaosStack, stockBalance, waitUntil } from './chaos-stack';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('local operations: two order instances, rolling restarts and a keeper', () => {
  let chaos: ChaosStack;
  let keeper: Keeper;
  const restarts: string[] = [];
  beforeAll(async () => {
    chaos = await startChaosStack('operations', {}, { order: 2 });
    keeper = new Keeper(chaos.stack.supervisor, chaos.stack.instances, { ...KEEPER_DEFAULTS, log: (line) => restarts.push(line) });
    keeper.start();
  }, 120_000);
  afterAll(async () => {
    keeper?.stop();
    await chaos?.close();
  });

  const pidOf = (name: string) => chaos.stack.supervisor.get(name).child.pid;

  it('when order is restarted one instance at a time under steady load, then (almost) no request fails and no copy is lost', async () => {
    const { admin, customer } = await session(chaos);
    const bookId = await registerBook(chaos, admin, 100_000);
    const before = ['order-app', 'order#2-app'].map(pidOf);
    const load = steadyLoad(chaos, customer.token, bookId, 20);
    await sleep(2_000);
    const ms = await rollingRestart(chaos.stack, 'order', keeper);
    await sleep(2_000);
    const { ok, failed } = await load.stop();
    const balance = await stockBalance(chaos, admin, bookId, 100_000);
    report('rolling restart of order (2 instances, 20 loops)', { requests: ok + failed.length, failed: failed.length, restartSeconds: (ms / 1000).toFixed(1) });
    if (failed.length > 0) process.stdout.write(`failed: ${JSON.stringify([...new Set(failed)])}\n`);
    expect(['order-app', 'order#2-app'].map(pidOf).every((pid, i) => pid !== before[i])).toBe(true);
    expect(ok).toBeGreaterThan(100);
    // The goal is none. What is left: a daprd stays in SQLite name resolution while its app
    // drains or starts, answering "app is not in a healthy state"; the gateway sends such a
    // call again (five tries over 2 s, name resolution picking at random), so a few of the
    // calls that land there in that window still fail (1-2 of ~1,000 here; 14 of 1,100 with three tries).
    expect(failed.length).toBeLessThanOrEqual(Math.ceil((ok + failed.length) * 0.01));
    expect(balance.actual).toBe(balance.expected);
  }, 180_000);

  it('when an order instance crashes, then the keeper starts it again, and once it is back every request succeeds', async () => {
    const { admin, customer } = await session(chaos);
    const bookId = await registerBook(chaos, admin, 100_000);
    const load = steadyLoad(chaos, customer.token, bookId, 10);
    await sleep(1_000);
    const killed = Date.now();
    await chaos.stack.supervisor.kill('order#2-app');
    const back = await waitUntil(
      async () =>
        keeper.restarts.some((r) => r.name === 'order#2-app' && r.at >= killed) &&
        (await fetch(`http://127.0.0.1:${chaos.instances('order')[1]!.ports.app}/healthz`)).ok,
      60_000,
    );
    const backSeconds = ((Date.now() - killed) / 1000).toFixed(1);
    await sleep(3_000);
    const during = await load.stop();
    // Calls in flight to the killed app, or routed to its sidecar before the app was back,
    // may fail (their number is reported); afterwards nothing may.
    const after = steadyLoad(chaos, customer.token, bookId, 10);
    await sleep(5_000);
    const afterBack = await after.stop();
    const balance = await stockBalance(chaos, admin, bookId, 100_000);
    report('order instance killed (keeper on, 2 instances)', {
      requests: during.ok + during.failed.length,
      failed: during.failed.length,
      backAfterSeconds: backSeconds,
      requestsAfterBack: afterBack.ok + afterBack.failed.length,
      failedAfterBack: afterBack.failed.length,
    });
    expect(back).toBe(true);
    expect(during.ok).toBeGreaterThan(20);
    expect(afterBack.ok).toBeGreaterThan(20);
    expect(afterBack.failed).toEqual([]);
    expect(balance.actual).toBe(balance.expected);
  }, 150_000);

  it('when an order app hangs, then its failed liveness probes get it killed and started again', async () => {
    const frozen = Date.now();
    chaos.stack.supervisor.freeze('order#2-app', true);
    const restarted = await waitUntil(async () => keeper.restarts.some((r) => r.name === 'order#2-app' && r.why === 'liveness' && r.at >= frozen), 30_000);
    const healthy = await waitUntil(async () => (await fetch(`http://127.0.0.1:${chaos.instances('order')[1]!.ports.app}/healthz`)).ok, 30_000);
    report('order app hung (keeper on)', { restartedAfterSeconds: ((Date.now() - frozen) / 1000).toFixed(1) });
    expect(restarted).toBe(true);
    expect(healthy).toBe(true);
  }, 90_000);
});
