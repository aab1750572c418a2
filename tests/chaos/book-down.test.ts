import { ChaosStack, registerBook, report, session, Session, startChaosStack, stockBalance, waitUntil } from './chaos-stack';

interface Timed {
  status: number;
  ms: number;
  retryAfter: number;
}

describe('chaos 2: the book service killed or frozen', () => {
  let chaos: ChaosStack;
  let s: Session;
  beforeAll(async () => {
    chaos = await startChaosStack('book-down');
    s = await session(chaos);
  }, 120_000);
  afterAll(async () => chaos?.close());

  async function order(bookId: string): Promise<Timed> {
    const started = Date.now();
    const r = await chaos.gateway().post('/orders').set('Authorization', `Bearer ${s.customer.token}`).send({ bookId, qty: 1 });
    return { status: r.status, ms: Date.now() - started, retryAfter: Number(r.headers['retry-after'] ?? 0) };
  }

  async function scenario(label: string, breakBook: () => Promise<void>, healBook: () => Promise<void>): Promise<void> {
    const bookId = await registerBook(chaos, s.admin, 100);
    expect((await order(bookId)).status).toBe(201);
    await breakBook();

    // Until the breaker trips, each order waits for the stock call's timeout, then 503.
    const slow: Timed[] = [];
    for (let i = 0; i < 5; i++) slow.push(await order(bookId));
    // Then the breaker is open: 503 at once.
    const fast: Timed[] = [];
    for (let i = 0; i < 5; i++) fast.push(await order(bookId));

    await healBook();
    const healed = Date.now();
    let recovered: Timed | undefined;
    await waitUntil(
      async () => {
        recovered = await order(bookId);
        return recovered.status === 201;
      },
      60_000,
      1_000,
    );
    const balance = await stockBalance(chaos, s.admin, bookId, 100);

    report(`book ${label}`, {
      slowMaxMs: Math.max(...slow.map((t) => t.ms)),
      fastMaxMs: Math.max(...fast.map((t) => t.ms)),
      recoveredAfterSeconds: ((Date.now() - healed) / 1000).toFixed(1),
      stockExpected: balance.expected,
      stockPlusOrdered: balance.actual,
    });
    for (const t of [...slow, ...fast]) {
      expect(t.status).toBe(503);
      expect(t.retryAfter).toBeGreaterThan(0);
      expect(t.ms).toBeLessThan(3_500);
    }
    for (const t of fast) expect(t.ms).toBeLessThan(100);
    expect(recovered?.status).toBe(201);
    expect(balance.actual).toBe(balance.expected);
  }

  it('when the book app is frozen, then orders get 503 within 3.5 s, then at once, and succeed again after it thaws', async () => {
    await scenario(
      'frozen',
      async () => chaos.stack.supervisor.freeze('book-app', true),
      async () => chaos.stack.supervisor.freeze('book-app', false),
    );
  }, 180_000);

  it('when the book app and its sidecar are killed, then orders get 503 at once, and succeed again after restart', async () => {
    await scenario(
      'killed',
      async () => {
        await chaos.stack.supervisor.kill('book-app');
        await chaos.stack.supervisor.kill('book-daprd');
      },
      async () => chaos.restart(['book']),
    );
  }, 180_000);
});
