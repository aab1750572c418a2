import { ChaosStack, report, startChaosStack } from './chaos-stack';

describe('chaos 5: a thousand buyers for a hundred copies', () => {
  let chaos: ChaosStack;
  beforeAll(async () => {
    chaos = await startChaosStack('oversell');
  }, 120_000);
  afterAll(async () => chaos?.close());

  it('when 1,000 one-copy orders arrive at once for 100 copies, then exactly 100 succeed, the rest are refused (409, or 503 to come back), and stock ends at 0', async () => {
    const admin = (await chaos.gateway().post('/auth/login').send({ email: 'admin@bookstore.local', password: chaos.stack.credentials.adminPassword })).body.token as string;
    const customer = await chaos.gateway().post('/customers').send({ name: 'Buyer', email: `buyer-${Date.now()}@example.com`, password: 'long enough' });
    const book = await chaos.gateway().post('/books').set('Authorization', `Bearer ${admin}`).send({ title: 'Hot', price: 1_000, stock: 100 });
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 1_000 }, () =>
        chaos
          .gateway()
          .post('/orders')
          .set('Authorization', `Bearer ${customer.body.token}`)
          .send({ bookId: book.body.bookId, qty: 1, customerId: customer.body.customerId }),
      ),
    );
    const seconds = (Date.now() - started) / 1000;
    const count = (status: number): number => answers.filter((a) => a.status === status).length;
    const stock = (await chaos.gateway().get(`/books/${book.body.bookId}`)).body.stock;
    const others = answers.filter((a) => a.status !== 201 && a.status !== 409).map((a) => `${a.status} ${a.body?.type ?? ''}`);
    if (others.length > 0) process.stdout.write(`other answers: ${JSON.stringify([...new Set(others)])}\n`);
    report('oversell', { orders: 1_000, ordered: count(201), outOfStock: count(409), other: 1_000 - count(201) - count(409), stock, seconds: seconds.toFixed(1) });
    // Exactly the copies there were, never more (the claim). Under this burst on two
    // cores an order may also be told to come back (503 + Retry-After: its 3 s budget ran out
    // in the book's queue); that is the documented answer to overload, and no other is allowed.
    expect(count(201)).toBe(100);
    expect(answers.filter((a) => a.status === 503).every((a) => Number(a.headers['retry-after']) > 0)).toBe(true);
    expect(count(409) + count(503)).toBe(900);
    expect(stock).toBe(0);
  });
});
