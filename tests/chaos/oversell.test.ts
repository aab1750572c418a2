import request from 'supertest';
import { ChaosStack, ordersOf, registerBook, report, session, startChaosStack, stockBalance } from './chaos-stack';

type Answer = request.Response & { ms: number };

/** `count` one-copy orders for one book, all sent at once, each answer with how long it took. */
async function flood(chaos: ChaosStack, token: string, bookId: string, count: number): Promise<Answer[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const sent = Date.now();
      const answer = await chaos.gateway().post('/orders').set('Authorization', `Bearer ${token}`).send({ bookId, qty: 1 });
      return Object.assign(answer, { ms: Date.now() - sent });
    }),
  );
}

/** /healthz of the gateway, order and book, asked again and again while `during` runs: the slowest answer (ms) and how many failed or took over 5 s. */
async function healthWhile<T>(chaos: ChaosStack, during: Promise<T>): Promise<{ result: T; slowestHealthMs: number; healthFailures: number }> {
  const urls = [
    `${chaos.stack.gatewayUrl}/healthz`,
    ...(['order', 'book'] as const).map((s) => `http://127.0.0.1:${chaos.instances(s)[0]!.ports.app}/healthz`),
  ];
  let slowest = 0;
  let failures = 0;
  let running = true;
  const probing = (async () => {
    while (running) {
      for (const url of urls) {
        const started = Date.now();
        const ok = await fetch(url, { signal: AbortSignal.timeout(5_000) }).then(
          (r) => r.ok,
          () => false,
        );
        slowest = Math.max(slowest, Date.now() - started);
        if (!ok) failures += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const result = await during;
  running = false;
  await probing;
  return { result, slowestHealthMs: slowest, healthFailures: failures };
}

const countOf = (answers: Answer[], status: number): number => answers.filter((a) => a.status === status).length;
const othersOf = (answers: Answer[]): string[] => [
  ...new Set(answers.filter((a) => a.status !== 201 && a.status !== 409).map((a) => `${a.status} ${a.body?.type ?? ''}`)),
];

/**
 * What the answers said against what the store holds once holds settle: every 201 is an
 * Ordered order, no order is Ordered that was not answered 201 (a 503 never hides one), and
 * stock + the copies of Ordered orders is what there was.
 */
async function truthOf(chaos: ChaosStack, admin: string, bookId: string, copies: number, answers: Answer[]) {
  const balance = await stockBalance(chaos, admin, bookId, copies, 90_000);
  const ordered = (await ordersOf(chaos, admin, bookId)).filter((o) => o.status === 'Ordered');
  const accepted = answers.filter((a) => a.status === 201).map((a) => a.body.orderId as string);
  const orderedIds = new Set(ordered.map((o) => o.orderId));
  return {
    balance,
    ordered: ordered.length,
    placedAfter503: ordered.length - accepted.length,
    every201Ordered: accepted.every((id) => orderedIds.has(id)),
  };
}

describe('chaos 5: a thousand buyers for a hundred copies', () => {
  let chaos: ChaosStack;
  beforeAll(async () => {
    chaos = await startChaosStack('oversell');
  }, 120_000);
  afterAll(async () => chaos?.close());

  // Whether all 900 are answered 409 before their deadline depends on the machine's speed: the
  // benchmark's burst scenario reports it (npm run bench). What this asserts holds on any
  // machine: no copy sold twice or lost, and no answer that lies about an order.
  it('when 1,000 one-copy orders arrive at once for 100 copies, then no copy is sold twice or lost, every 201 is an order and no 503 hides one', async () => {
    const { admin, customer } = await session(chaos);
    const bookId = await registerBook(chaos, admin, 100);
    const started = Date.now();
    const answers = await flood(chaos, customer.token, bookId, 1_000);
    const seconds = (Date.now() - started) / 1000;
    const stock = (await chaos.gateway().get(`/books/${bookId}`)).body.stock;
    if (othersOf(answers).length > 0) process.stdout.write(`other answers: ${JSON.stringify(othersOf(answers))}\n`);
    const truth = await truthOf(chaos, admin, bookId, 100, answers);
    const refused = answers.filter((a) => a.status === 503);
    report('oversell', {
      orders: 1_000,
      answered201: countOf(answers, 201),
      answered409: countOf(answers, 409),
      answered503: refused.length,
      orderedOnceSettled: truth.ordered,
      placedAfter503: truth.placedAfter503,
      stockRightAfter: stock,
      slowestMs: Math.max(...answers.map((a) => a.ms)),
      seconds: seconds.toFixed(1),
    });
    expect(othersOf(answers).every((a) => a.startsWith('503 '))).toBe(true);
    expect(refused.every((a) => Number(a.headers['retry-after']) > 0)).toBe(true);
    expect(truth.placedAfter503).toBe(0);
    expect(truth.every201Ordered).toBe(true);
    expect(truth.balance.actual).toBe(truth.balance.expected);
    // The first hundred buyers reach the book long before any deadline, on any machine.
    expect(countOf(answers, 201)).toBeGreaterThan(0);
    expect(countOf(answers, 201)).toBeLessThanOrEqual(100);
  });
});

describe('an answer never lies about an order, under overload', () => {
  let chaos: ChaosStack;
  // Tight limits and a short deadline, so that the flood is refused at the gateway, at the
  // order service, and mid-placement (after the copies were taken): every way a 503 can happen.
  const limits = {
    ADMISSION_CONCURRENCY: '16',
    ADMISSION_QUEUE: '32',
    ADMISSION_MAX_WAIT_MS: '300',
    ADMISSION_BURST_WAIT_MS: '300',
    CALLER_DEADLINE_MS: '1000',
  };
  beforeAll(async () => {
    chaos = await startChaosStack('overload', limits);
  }, 120_000);
  afterAll(async () => chaos?.close());

  it('when a flood of orders meets tight limits, then each 503 has Retry-After and placed no order (every Ordered order was answered 201), and health answers throughout', async () => {
    const { admin, customer } = await session(chaos);
    const bookId = await registerBook(chaos, admin, 100);
    const { result: answers, slowestHealthMs, healthFailures } = await healthWhile(chaos, flood(chaos, customer.token, bookId, 600));
    const refused = answers.filter((a) => a.status === 503);
    const truth = await truthOf(chaos, admin, bookId, 100, answers);
    report('overload', {
      orders: 600,
      answered201: countOf(answers, 201),
      answered409: countOf(answers, 409),
      answered503: refused.length,
      overloaded: refused.filter((a) => String(a.body?.type).endsWith('/overloaded')).length,
      placedAfter503: truth.placedAfter503,
      slowest503Ms: Math.max(0, ...refused.map((a) => a.ms)),
      slowestHealthMs,
      healthFailures,
      ...limits,
    });
    expect(othersOf(answers).every((a) => a.startsWith('503 '))).toBe(true);
    expect(refused.length).toBeGreaterThan(0); // the limits did bite: this checks something
    expect(refused.every((a) => Number(a.headers['retry-after']) > 0 && a.headers['content-type']?.startsWith('application/problem+json'))).toBe(true);
    expect(truth.placedAfter503).toBe(0);
    expect(truth.every201Ordered).toBe(true);
    expect(truth.balance.actual).toBe(truth.balance.expected);
    // Health is never queued behind orders (admission would hold it for seconds): every probe
    // answers. How fast is the machine's business, reported above; unloaded it is well inside
    // the sidecars' 1.5 s probe timeout, on a loaded CI machine it has reached 2.2 s.
    expect(healthFailures).toBe(0);
  });
});
