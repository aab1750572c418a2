import { randomUUID } from 'node:crypto';
import { admin, registerBook, signUpCustomer, TestCustomer } from '../support/auth';
import { eventually, gateway } from '../support/gateway';

interface Book {
  bookId: string;
  title: string;
  author: string;
  price: number;
  stock: number;
}

/** A word no other test's book contains, so `?q=` finds exactly this test's books. */
const marker = (): string => `m${randomUUID().replace(/-/g, '').slice(0, 12)}`;

const paths = (body: { errors?: Array<{ path: string }> }): string[] => (body.errors ?? []).map((e) => e.path).sort();

async function list(query: Record<string, string | number>): Promise<{ items: Book[]; nextCursor: string | null }> {
  const response = await gateway().get('/books').query(query);
  expect(response.status).toBe(200);
  return response.body as { items: Book[]; nextCursor: string | null };
}

async function stockOf(bookId: string): Promise<number> {
  return ((await gateway().get(`/books/${bookId}`)).body as Book).stock;
}

let customer: TestCustomer;
beforeAll(async () => {
  customer = await signUpCustomer('Book Tester');
});

describe('registering a book (POST /books)', () => {
  it('when the admin registers a book, then it is 201 with the Book and can be read back', async () => {
    const title = `Domain-Driven Design ${marker()}`;
    const response = await gateway()
      .post('/books')
      .set('Authorization', await admin())
      .send({ title, author: 'Eric Evans', price: 42000, stock: 3 });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ bookId: expect.any(String), title, author: 'Eric Evans', price: 42000, stock: 3 });
    const read = await gateway().get(`/books/${response.body.bookId}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(response.body);
  });

  it('when author and stock are left out and price is a digit string, then the book has no author and no stock', async () => {
    const response = await gateway()
      .post('/books')
      .set('Authorization', await admin())
      .send({ title: `Bare ${marker()}`, price: '1000' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ author: '', price: 1000, stock: 0 });
  });

  it('when nobody is signed in, then it is 401 and nothing is registered', async () => {
    const title = marker();
    const response = await gateway().post('/books').send({ title, price: 1000 });
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await list({ q: title })).items).toEqual([]);
  });

  it('when a customer tries, then it is 403 and nothing is registered', async () => {
    const title = marker();
    const response = await gateway().post('/books').set('Authorization', customer.bearer).send({ title, price: 1000 });
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await list({ q: title })).items).toEqual([]);
  });

  it.each([
    [{ title: '', price: 1000 }, ['title']],
    [{ title: 'x'.repeat(201), price: 1000 }, ['title']],
    [{ price: 1000 }, ['title']],
    [{ title: 'T', price: -1 }, ['price']],
    [{ title: 'T', price: 1.5 }, ['price']],
    [{ title: 'T', price: 'two' }, ['price']],
    [{ title: 'T' }, ['price']],
    [{ title: 'T', price: 1000, stock: -1 }, ['stock']],
    [{ title: 'T', price: 1000, author: 7 }, ['author']],
    [{ title: '', price: 'x', stock: '' }, ['price', 'stock', 'title']],
  ])('when the body is %j, then it is 400 naming %j', async (body, expected) => {
    const response = await gateway()
      .post('/books')
      .set('Authorization', await admin())
      .send(body);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(paths(response.body)).toEqual(expected);
  });

  it('when an invalid body names a fresh title, then nothing is registered', async () => {
    const title = marker();
    expect(
      (
        await gateway()
          .post('/books')
          .set('Authorization', await admin())
          .send({ title, price: -5 })
      ).status,
    ).toBe(400);
    expect((await list({ q: title })).items).toEqual([]);
  });

  it('when a registration is retried with the same Idempotency-Key, then one book is registered and the answer repeats', async () => {
    const key = randomUUID();
    const body = { title: `Retried ${marker()}`, price: 500, stock: 1 };
    const first = await gateway()
      .post('/books')
      .set('Authorization', await admin())
      .set('Idempotency-Key', key)
      .send(body);
    const second = await gateway()
      .post('/books')
      .set('Authorization', await admin())
      .set('Idempotency-Key', key)
      .send(body);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect((await list({ q: body.title })).items).toHaveLength(1);
    const other = await gateway()
      .post('/books')
      .set('Authorization', await admin())
      .set('Idempotency-Key', key)
      .send({ ...body, price: 501 });
    expect(other.status).toBe(422);
  });
});

describe('reading the catalog (GET /books, GET /books/{bookId})', () => {
  it('when the book does not exist, then it is 404 problem+json', async () => {
    for (const id of ['01NOSUCHBOOK0000000000000', 'no such book']) {
      const response = await gateway().get(`/books/${encodeURIComponent(id)}`);
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });

  it('when q is given, then books whose title or author contain it in any case are listed, newest first', async () => {
    const word = marker();
    const inTitle = await registerBook({ title: `The ${word.toUpperCase()} Book`, author: 'Someone' });
    const inAuthor = await registerBook({ title: 'Unrelated', author: `Ann ${word}` });
    await registerBook({ title: 'Neither', author: 'Nobody' });
    const found = await list({ q: word.toUpperCase() });
    expect(found.items.map((b) => b.bookId)).toEqual([inAuthor.bookId, inTitle.bookId]);
    expect(found.nextCursor).toBeNull();
    expect(found.items[0]).toEqual({ bookId: inAuthor.bookId, title: 'Unrelated', author: `Ann ${word}`, price: 10_000, stock: 10 });
  });

  it('when the list is paged, then nextCursor walks every book once, newest first, without duplicates', async () => {
    const word = marker();
    const registered: string[] = [];
    for (let i = 0; i < 5; i++) registered.push((await registerBook({ title: `${word} volume ${i}` })).bookId);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list({ q: word, limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((b) => b.bookId));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([...registered].reverse());
  });

  it('when the whole catalog is listed, then it is a page of at most 50 with a cursor to the next', async () => {
    await registerBook();
    const page = await list({});
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.length).toBeLessThanOrEqual(50);
    const ids = page.items.map((b) => b.bookId);
    expect([...ids].sort().reverse()).toEqual(ids);
  });

  it.each([['0'], ['201'], ['two']])('when limit is %s, then it is 400 naming limit', async (limit) => {
    const response = await gateway().get('/books').query({ limit });
    expect(response.status).toBe(400);
    expect(paths(response.body)).toEqual(['limit']);
  });

  it('when copies are ordered, then the listing shows the new stock', async () => {
    const title = `Listed ${marker()}`;
    const book = await registerBook({ title, stock: 5 });
    const order = await gateway().post('/orders').set('Authorization', customer.bearer).send({ bookId: book.bookId, qty: 2, customerId: customer.customerId });
    expect(order.status).toBe(201);
    const listed = await list({ q: title });
    expect(listed.items).toEqual([expect.objectContaining({ bookId: book.bookId, stock: 3 })]);
  });
});

describe('restocking (PATCH /books/reStock)', () => {
  it('when the admin adds copies, then it is 200 with the new stock, and the book and listing show it', async () => {
    const title = `Restocked ${marker()}`;
    const book = await registerBook({ title, stock: 2 });
    const response = await gateway()
      .patch('/books/reStock')
      .set('Authorization', await admin())
      .send({ bookId: book.bookId, stock: '3' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ bookId: book.bookId, title, author: 'Author', price: 10_000, stock: 5 });
    expect(await stockOf(book.bookId)).toBe(5);
    expect((await list({ q: title })).items[0]?.stock).toBe(5);
  });

  it('when nobody is signed in, then it is 401; a customer, 403; and no copies are added', async () => {
    const book = await registerBook({ stock: 2 });
    expect((await gateway().patch('/books/reStock').send({ bookId: book.bookId, stock: 1 })).status).toBe(401);
    expect((await gateway().patch('/books/reStock').set('Authorization', customer.bearer).send({ bookId: book.bookId, stock: 1 })).status).toBe(403);
    expect(await stockOf(book.bookId)).toBe(2);
  });

  it('when the book is unknown, then it is 404', async () => {
    const response = await gateway()
      .patch('/books/reStock')
      .set('Authorization', await admin())
      .send({ bookId: '01NOSUCHBOOK0000000000000', stock: 1 });
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it.each([
    [{ stock: 0 }, ['stock']],
    [{ stock: -2 }, ['stock']],
    [{ stock: 'x' }, ['stock']],
    [{ stock: 1.5 }, ['stock']],
    [{}, ['stock']],
    [{ bookId: undefined, stock: 1 }, ['bookId']],
    [{ bookId: 'bad id!', stock: 1 }, ['bookId']],
  ])('when the body is %j (with the book), then it is 400 naming %j and nothing is added', async (fields, expected) => {
    const book = await registerBook({ stock: 2 });
    const body = { bookId: book.bookId, ...fields };
    const response = await gateway()
      .patch('/books/reStock')
      .set('Authorization', await admin())
      .send(body);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(paths(response.body)).toEqual(expected);
    expect(await stockOf(book.bookId)).toBe(2);
  });

  it('when the same Idempotency-Key is sent twice, then the copies are added once and the first answer is replayed', async () => {
    const book = await registerBook({ stock: 2 });
    const key = randomUUID();
    const send = async (stock: number) =>
      gateway()
        .patch('/books/reStock')
        .set('Authorization', await admin())
        .set('Idempotency-Key', key)
        .send({ bookId: book.bookId, stock });
    const first = await send(4);
    const second = await send(4);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(first.body.stock).toBe(6);
    expect(await stockOf(book.bookId)).toBe(6);
  });

  it('when the same Idempotency-Key comes with another body, then it is 422 and nothing more is added', async () => {
    const book = await registerBook({ stock: 2 });
    const key = randomUUID();
    const headers = { Authorization: await admin(), 'Idempotency-Key': key };
    expect((await gateway().patch('/books/reStock').set(headers).send({ bookId: book.bookId, stock: 1 })).status).toBe(200);
    const other = await gateway().patch('/books/reStock').set(headers).send({ bookId: book.bookId, stock: 2 });
    expect(other.status).toBe(422);
    expect(other.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await stockOf(book.bookId)).toBe(3);
  });

  it('when the Idempotency-Key is malformed, then it is 400 naming it', async () => {
    const book = await registerBook({ stock: 2 });
    const response = await gateway()
      .patch('/books/reStock')
      .set('Authorization', await admin())
      .set('Idempotency-Key', 'has spaces')
      .send({ bookId: book.bookId, stock: 1 });
    expect(response.status).toBe(400);
    expect(paths(response.body)).toEqual(['Idempotency-Key']);
  });

  it('when restocks without a key are sent twice, then both add their copies', async () => {
    const book = await registerBook({ stock: 0 });
    for (let i = 0; i < 2; i++) {
      expect(
        (
          await gateway()
            .patch('/books/reStock')
            .set('Authorization', await admin())
            .send({ bookId: book.bookId, stock: 2 })
        ).status,
      ).toBe(200);
    }
    expect(await stockOf(book.bookId)).toBe(4);
  });
});

describe('stock returned by a cancellation', () => {
  it('when an order is cancelled, then its copies come back to the book and the listing', async () => {
    const title = `Cancelled ${marker()}`;
    const book = await registerBook({ title, stock: 5 });
    const order = await gateway().post('/orders').set('Authorization', customer.bearer).send({ bookId: book.bookId, qty: 2, customerId: customer.customerId });
    expect(order.status).toBe(201);
    expect(await stockOf(book.bookId)).toBe(3);
    const cancel = await gateway().post(`/orders/${order.body.orderId}/cancel`).set('Authorization', customer.bearer).send({});
    expect(cancel.status).toBe(200);
    const returned = await eventually(
      () => stockOf(book.bookId),
      (stock) => stock === 5,
    );
    expect(returned).toBe(5);
    const listed = await eventually(
      () => list({ q: title }),
      (page) => page.items[0]?.stock === 5,
    );
    expect(listed.items[0]?.stock).toBe(5);
  });
});
