import { registerBook, signUpCustomer } from '../support/auth';
import { gateway } from '../support/gateway';

describe('orders racing for the last copies', () => {
  it('when 200 orders of one copy arrive at once for a book with 50, then exactly 50 are Ordered, 150 OutOfStocked, and stock is 0', async () => {
    const customer = await signUpCustomer();
    const book = await registerBook({ price: 1_000, stock: 50 });
    const answers = await Promise.all(
      Array.from({ length: 200 }, () =>
        gateway().post('/orders').set('Authorization', customer.bearer).send({ bookId: book.bookId, qty: 1, customerId: customer.customerId }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    const odd = answers.filter((a) => a.status !== 201 && a.status !== 409).map((a) => `${a.status} ${a.body?.detail ?? ''}`);
    if (odd.length > 0) process.stderr.write(`unexpected answers: ${JSON.stringify([...new Set(odd)])}\n`);
    expect(statuses.filter((s) => s === 201)).toHaveLength(50);
    expect(statuses.filter((s) => s === 409)).toHaveLength(150);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.status === 'OutOfStocked')).toBe(true);
    expect(new Set(answers.map((a) => a.body.orderId)).size).toBe(200);
    expect((await gateway().get(`/books/${book.bookId}`)).body.stock).toBe(0);
  });
});
