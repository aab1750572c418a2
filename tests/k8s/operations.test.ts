/**
 * The original's operational checkpoints, on the cluster with the shop deployed: zero-downtime
 * rolling updates under siege-like load, self-healing (a deleted pod, a killed container, a
 * hung one caught by its liveness probe), autoscaling, data kept across a Redis or PostgreSQL
 * restart (PVCs), and consumers scaled to 0 catching up. Every figure goes to reports/k8s-figures.jsonl.
 */
import { catchUpAfterConsumersDown } from '../support/catch-up';
import { ordersOf, registerBook, session, Session, stockBalance, steadyLoad, waitUntil } from '../support/shop';
import { kubectl, kubectlJson } from './support/cluster';
import {
  appPods,
  clusterShop as shop,
  containerPid,
  NAMESPACE,
  readyPods,
  report,
  restartsOf,
  rollingRestart,
  rollout,
  scale,
  shopReady,
} from './support/shop';

jest.setTimeout(600_000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (since: number): string => ((Date.now() - since) / 1000).toFixed(1);

/** What failed under load, once per kind, printed beside the figures. */
function printFailures(scenario: string, failed: string[]): void {
  if (failed.length > 0) process.stdout.write(`[k8s] ${scenario}, failures: ${JSON.stringify([...new Set(failed)])}\n`);
}

let s: Session;
beforeAll(async () => {
  expect(await waitUntil(shopReady, 120_000, 1_000)).toBe(true);
  s = await session(shop);
});

/** Every accepted order is listed, still Ordered (nothing cancelled it), and the stock adds up. */
async function nothingLost(bookId: string, accepted: string[], initial: number): Promise<void> {
  const listed = new Map((await ordersOf(shop, s.admin, bookId)).map((o) => [o.orderId, o.status]));
  expect(accepted.filter((id) => listed.get(id) !== 'Ordered')).toEqual([]);
  const balance = await stockBalance(shop, s.admin, bookId, initial);
  expect(balance.actual).toBe(balance.expected);
}

describe('rolling updates under siege-like load (10 loops, a new connection per request)', () => {
  for (const app of ['order', 'gateway']) {
    it(`when ${app} is updated pod by pod, then no request fails but a rare "try again shortly", and no copy is lost`, async () => {
      // From the deployed steady state: the previous scenario's load may have scaled out this
      // app or the other, and a scale-in during the update (pods of either still stopping)
      // would be a second disruption (k8s/README.md). Seen: order's HPA scaling 1 → 3 → 1
      // after order's update, its two pods still stopping as gateway's began, failing one call.
      expect(await allSettledAtOnePod(STATELESS_AUTOSCALED)).toBe(true);
      const bookId = await registerBook(shop, s.admin, 100_000);
      const before = appPods(app).map((p) => p.metadata.name);
      const load = steadyLoad(shop, s.customer.token, bookId, 10);
      await sleep(3_000);
      const started = Date.now();
      const ms = rollingRestart(app);
      // Load goes on until the old pods have finished stopping (SHUTDOWN in tools/k8s/src/apps.ts).
      const gone = await waitUntil(async () => !appPods(app).some((p) => before.includes(p.metadata.name)), 180_000, 1_000);
      await sleep(3_000);
      const result = await load.stop();
      report(`rolling update of ${app}`, { requests: result.ok + result.failed.length, failed: result.failed.length, rolloutSeconds: (ms / 1000).toFixed(1), oldPodsGoneSeconds: seconds(started) });
      printFailures(`rolling update of ${app}`, result.failed);
      expect(gone).toBe(true);
      expect(result.ok).toBeGreaterThan(50);
      // As for a deleted pod (below): on this saturated node a stock call can outlast its
      // budget while the new pod's sidecar joins the placement service (seen: 2 of 6,110),
      // or a call reach a pod still stopping (1 of 5,672); each gets the API's "try again
      // shortly" with nothing placed. At most 1 in 1,000 of those; any other failure, a
      // hang or a lost order fails the test.
      expect([...new Set(result.failed.filter((f) => !DISRUPTED.test(f)))]).toEqual([]);
      expect(result.failed.length).toBeLessThanOrEqual(Math.floor((result.ok + result.failed.length) / 1_000));
      await nothingLost(bookId, result.accepted, 100_000);
    });
  }
});

interface Autoscaler {
  status: { currentReplicas?: number; desiredReplicas?: number; currentMetrics?: Array<{ resource?: { current?: { averageUtilization?: number } } }> };
}

/** The API's "try again shortly": 503 problem+json with Retry-After, and no order placed (API.md, README "Overload"). */
const RETRY_LATER = /^POST orders 503 (stock-unavailable|overloaded) /;
/** The same, and the gateway's own for a call to the stopping pod (no answer from it in time). */
const DISRUPTED = /^POST orders 503 (stock-unavailable|overloaded|service-unavailable) /;

const hpa = (app = 'order') => kubectlJson<Autoscaler>(['get', 'hpa', '-n', NAMESPACE, app]).status;
/** An app's HPA wants one pod and one is all there is (a scale-in takes 30 s of quiet locally). */
const settledAtOnePod = (app: string): Promise<boolean> => waitUntil(async () => (hpa(app).desiredReplicas ?? 0) === 1 && appPods(app).length === 1, 420_000, 5_000);
const orderSettledAtOnePod = (): Promise<boolean> => settledAtOnePod('order');
/** The apps whose HPA may scale them while a scenario's load runs (book stays at one pod locally). */
const STATELESS_AUTOSCALED = ['order', 'gateway'];
/** Each of them at one pod, and no pod of theirs still stopping. */
const allSettledAtOnePod = async (apps: string[]): Promise<boolean> => {
  for (const app of apps) if (!(await settledAtOnePod(app))) return false;
  return true;
};

describe('self-healing', () => {
  it('when an order pod is deleted under load, then a new one serves and no accepted order is lost', async () => {
    const bookId = await registerBook(shop, s.admin, 100_000);
    const [victim] = readyPods('order');
    const load = steadyLoad(shop, s.customer.token, bookId, 5);
    await sleep(2_000);
    const deleted = Date.now();
    kubectl(['delete', 'pod', '-n', NAMESPACE, victim!.metadata.name, '--wait=false']);
    const replaced = await waitUntil(async () => readyPods('order').some((p) => p.metadata.name !== victim!.metadata.name), 180_000, 1_000);
    const back = seconds(deleted);
    const gone = await waitUntil(async () => !appPods('order').some((p) => p.metadata.name === victim!.metadata.name), 180_000, 1_000);
    await sleep(3_000);
    const result = await load.stop();
    report('order pod deleted under load', {
      requests: result.ok + result.failed.length,
      failed: result.failed.length,
      retryLater: result.failed.filter((f) => DISRUPTED.test(f)).length,
      replacedAfterSeconds: back,
      goneAfterSeconds: seconds(deleted),
    });
    printFailures('order pod deleted under load', result.failed);
    expect(replaced).toBe(true);
    expect(gone).toBe(true);
    expect(result.ok).toBeGreaterThan(20);
    // The pod stops as a rolling update's does, but its sidecar leaving the placement
    // service (seen here: 2 of 1,718 requests, both order pods' stock calls waiting out
    // their 3 s at the same moment) or a call caught in the stopping pod may get the API's
    // "try again shortly" (503 with Retry-After). That, for at most 1 % of the requests, is
    // the only failure allowed; a hang, a 500 or a lost order fails the test.
    const retryLater = result.failed.filter((f) => DISRUPTED.test(f));
    expect([...new Set(result.failed.filter((f) => !DISRUPTED.test(f)))]).toEqual([]);
    expect(retryLater.length).toBeLessThanOrEqual(Math.floor((result.ok + result.failed.length) / 100));
    await nothingLost(bookId, result.accepted, 100_000);
  });

  it('when the order app\'s process is killed under load, then the kubelet restarts its container and no accepted order is lost', async () => {
    expect(await orderSettledAtOnePod()).toBe(true);
    const bookId = await registerBook(shop, s.admin, 100_000);
    const [pod] = readyPods('order');
    const before = restartsOf(pod!, 'order');
    const load = steadyLoad(shop, s.customer.token, bookId, 5);
    await sleep(2_000);
    const killed = Date.now();
    process.kill(containerPid(pod!, 'order'), 'SIGKILL');
    const restarted = await waitUntil(async () => {
      const now = appPods('order').find((p) => p.metadata.name === pod!.metadata.name);
      return now !== undefined && restartsOf(now, 'order') > before && readyPods('order').some((p) => p.metadata.name === pod!.metadata.name);
    }, 180_000, 1_000);
    const readySeconds = seconds(killed);
    await sleep(3_000);
    const result = await load.stop();
    // Calls in flight in the killed process may fail (their number is reported); none of
    // the orders it accepted may be lost.
    report('order container killed under load', { requests: result.ok + result.failed.length, failed: result.failed.length, readyAgainAfterSeconds: readySeconds });
    printFailures('order container killed under load', result.failed);
    expect(restarted).toBe(true);
    expect(result.ok).toBeGreaterThan(20);
    await nothingLost(bookId, result.accepted, 100_000);
  });

  it('when the order app hangs, then its liveness probe fails and the kubelet restarts it', async () => {
    // One pod the HPA keeps: the earlier scenarios' load may have scaled order out, and a
    // scale-in would delete the frozen pod instead of restarting its container.
    expect(await orderSettledAtOnePod()).toBe(true);
    const [pod] = readyPods('order');
    const before = restartsOf(pod!, 'order');
    const frozen = Date.now();
    // SIGSTOP: the process holds its port but answers nothing, as a deadlocked app would.
    process.kill(containerPid(pod!, 'order'), 'SIGSTOP');
    const restarted = await waitUntil(async () => {
      const now = appPods('order').find((p) => p.metadata.name === pod!.metadata.name);
      return now !== undefined && restartsOf(now, 'order') > before;
    }, 120_000, 1_000);
    const restartSeconds = seconds(frozen);
    const readyAgain = await waitUntil(async () => readyPods('order').length > 0 && (await shopReady()), 120_000, 1_000);
    const events = kubectl(['get', 'events', '-n', NAMESPACE, '--field-selector', `involvedObject.name=${pod!.metadata.name}`]);
    report('order app hung', { restartedAfterSeconds: restartSeconds, readyAfterSeconds: seconds(frozen) });
    expect(restarted).toBe(true);
    expect(readyAgain).toBe(true);
    expect(events).toMatch(/Liveness probe failed/);
  });
});

describe('autoscaling (metrics-server, HPA on CPU)', () => {
  it('when orders pour in, then order scales out; when they stop, it scales back to one', async () => {
    // From one pod: the earlier scenarios' load may have scaled it out already.
    expect(await orderSettledAtOnePod()).toBe(true);
    const bookId = await registerBook(shop, s.admin, 1_000_000);
    const loaded = Date.now();
    const load = steadyLoad(shop, s.customer.token, bookId, 20);
    let peak = 1;
    const out = await waitUntil(async () => {
      peak = Math.max(peak, hpa().desiredReplicas ?? 1);
      return readyPods('order').length > 1;
    }, 300_000, 2_000);
    const outSeconds = seconds(loaded);
    const result = await load.stop();
    const quiet = Date.now();
    const back = await orderSettledAtOnePod();
    const requests = result.ok + result.failed.length;
    const retryLater = result.failed.filter((f) => RETRY_LATER.test(f));
    report('HPA on order', { scaledOutAfterSeconds: outSeconds, peakReplicas: peak, backToOneAfterSeconds: seconds(quiet), requests, failed: result.failed.length, retryLater: retryLater.length });
    printFailures('HPA on order', result.failed);
    expect(out).toBe(true);
    expect(back).toBe(true);
    // This load is meant to saturate the node (that is what scales order out): on two cores
    // a stock call may then outlast its budget, and the API's answer is "try again shortly"
    // (503, nothing placed). That answer, for at most 1 % of the requests, is the only
    // failure allowed; anything else (a 500, a hang, a lost order) fails the test.
    expect([...new Set(result.failed.filter((f) => !RETRY_LATER.test(f)))]).toEqual([]);
    expect(retryLater.length).toBeLessThanOrEqual(Math.floor(requests / 100));
    await nothingLost(bookId, result.accepted, 1_000_000);
  });
});

describe('data on PersistentVolumeClaims', () => {
  it('when the PostgreSQL pod is deleted, then it comes back with every book and order', async () => {
    const bookId = await registerBook(shop, s.admin, 7);
    const order = await shop.gateway().post('/orders').set('Authorization', `Bearer ${s.customer.token}`).send({ bookId, qty: 2 });
    expect(order.status).toBe(201);
    kubectl(['delete', 'pod', '-n', NAMESPACE, 'postgres-0']);
    rollout('statefulset', 'postgres');
    // The book actor keeps its state in memory: a new book pod reads it back from PostgreSQL.
    rollingRestart('book');
    expect(await waitUntil(shopReady, 120_000, 1_000)).toBe(true);
    expect((await shop.gateway().get(`/books/${bookId}`)).body.stock).toBe(5);
    const listed = await ordersOf(shop, s.admin, bookId);
    expect(listed.map((o) => [o.orderId, o.status])).toEqual([[order.body.orderId, 'Ordered']]);
  });

  it('when the Redis pod is deleted, then MyPage and the event streams survive it', async () => {
    const bookId = await registerBook(shop, s.admin, 5);
    const first = await shop.gateway().post('/orders').set('Authorization', `Bearer ${s.customer.token}`).send({ bookId, qty: 1 });
    const myPage = (id: string) => shop.gateway().get(`/myPages/${id}`).set('Authorization', `Bearer ${s.customer.token}`);
    expect(await waitUntil(async () => (await myPage(first.body.orderId)).body.status === 'DeliveryStarted', 60_000, 500)).toBe(true);
    kubectl(['delete', 'pod', '-n', NAMESPACE, 'redis-0']);
    rollout('statefulset', 'redis');
    expect(await waitUntil(shopReady, 120_000, 1_000)).toBe(true);
    expect((await myPage(first.body.orderId)).body.status).toBe('DeliveryStarted');
    // Orders still flow through the restarted broker to MyPage.
    const second = await shop.gateway().post('/orders').set('Authorization', `Bearer ${s.customer.token}`).send({ bookId, qty: 1 });
    expect(second.status).toBe(201);
    expect(await waitUntil(async () => (await myPage(second.body.orderId)).body.status === 'DeliveryStarted', 90_000, 500)).toBe(true);
  });
});

describe('consumers scaled to 0', () => {
  const CONSUMERS = ['customer', 'delivery', 'customercenter'];
  afterAll(async () => {
    for (const app of CONSUMERS) await scale(app, 1); // whatever happened, leave the shop whole
  });

  it('when customer, delivery and customercenter have no pods while orders are taken, then once back they catch up, nothing lost and nothing twice', async () => {
    await catchUpAfterConsumersDown(shop, 'consumers scaled to 0 on the cluster', {
      stop: async () => {
        for (const app of CONSUMERS) await scale(app, 0);
      },
      start: async () => {
        for (const app of CONSUMERS) await scale(app, 1);
      },
    }, report);
  });
});
