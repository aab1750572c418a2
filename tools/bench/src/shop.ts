import { randomBytes } from 'node:crypto';
import { Answer, Client } from './http';

/** The shop as a client sees it: the public API of ../shared/API.md, through the gateway. */

export interface Book {
  bookId: string;
  title: string;
  price: number;
  stock: number;
}

export interface Customer {
  customerId: string;
  token: string;
  email: string;
}

/**
 * An order as API.md's answers show it. Written from the contract on purpose, not imported
 * from the order service: the bench reads the public API, whatever the service's types become.
 */
export interface Order {
  orderId: string;
  bookId: string;
  customerId: string;
  qty: number;
  price: number;
  status: string;
  orderedAt: string;
}

export interface MyPageRow {
  orderId: string;
  customerId: string;
  bookId: string;
  qty: number;
  price: number;
  status: string;
  updatedAt: string;
}

export interface CustomerView {
  customerId: string;
  grade: string;
  mileage: number;
  purchased: number;
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

function expect<T>(answer: Answer, status: number, what: string): T {
  if (answer.status !== status) throw new Error(`${what}: expected ${status}, got ${answer.status} ${answer.error ?? JSON.stringify(answer.body)}`);
  return answer.body as T;
}

/**
 * Seeding and checks go on through a shop that may still be catching up: a 503 (or no answer)
 * is retried, once a second, a few times. The load itself is never retried.
 */
async function retried<T>(work: () => Promise<T>, attempts = 10): Promise<T> {
  for (let i = 1; ; i += 1) {
    try {
      return await work();
    } catch (error) {
      if (i >= attempts || !/got (503|0)\b/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

/** A short random tag, so that every run's books and customers are its own. */
export const runTag = (): string => randomBytes(4).toString('hex');

export class Shop {
  constructor(readonly client: Client) {}

  async login(email: string, password: string): Promise<string> {
    const body = expect<{ token: string }>(await this.client.send({ method: 'POST', path: '/auth/login', body: { email, password } }), 200, 'login');
    return body.token;
  }

  async registerBook(admin: string, title: string, price: number, stock: number): Promise<Book> {
    const answer = await this.client.send({ method: 'POST', path: '/books', headers: bearer(admin), body: { title, author: 'bench', price, stock } });
    return expect<Book>(answer, 201, `register book ${title}`);
  }

  book(bookId: string): Promise<Book> {
    return retried(async () => expect<Book>(await this.client.send({ method: 'GET', path: `/books/${bookId}` }), 200, `book ${bookId}`));
  }

  async signUp(name: string, email: string): Promise<Customer> {
    const answer = await this.client.send({ method: 'POST', path: '/customers', body: { name, email, password: 'bench password' } });
    const body = expect<{ customerId: string; token: string }>(answer, 201, `sign up ${email}`);
    return { customerId: body.customerId, token: body.token, email };
  }

  customer(token: string, customerId: string): Promise<CustomerView> {
    return retried(async () =>
      expect<CustomerView>(await this.client.send({ method: 'GET', path: `/customers/${customerId}`, headers: bearer(token) }), 200, `customer ${customerId}`),
    );
  }

  order(token: string, bookId: string, qty = 1): Promise<Answer> {
    return this.client.send({ method: 'POST', path: '/orders', headers: bearer(token), body: { bookId, qty } });
  }

  getOrder(token: string, orderId: string): Promise<Order> {
    return retried(async () =>
      expect<Order>(await this.client.send({ method: 'GET', path: `/orders/${orderId}`, headers: bearer(token) }), 200, `order ${orderId}`),
    );
  }

  myPage(token: string, orderId: string): Promise<Answer> {
    return this.client.send({ method: 'GET', path: `/myPages/${orderId}`, headers: bearer(token) });
  }

  /** Every MyPage row of the caller, page by page. */
  async myPages(token: string): Promise<MyPageRow[]> {
    const rows: MyPageRow[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await retried(async () =>
        expect<{ items: MyPageRow[]; nextCursor: string | null }>(
          await this.client.send({ method: 'GET', path: `/myPages?limit=200${query}`, headers: bearer(token) }),
          200,
          'myPages',
        ),
      );
      rows.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return rows;
  }
}

/** Signs up `count` customers, a few at a time (a sign-up hashes a password: it costs CPU). */
export async function signUpMany(shop: Shop, count: number, tag: string, label: string): Promise<Customer[]> {
  const customers: Customer[] = [];
  for (let i = 0; i < count; i += 8) {
    const batch = Array.from({ length: Math.min(8, count - i) }, (_, j) =>
      retried(() => shop.signUp(`Bench ${label} ${i + j}`, `bench-${tag}-${label}-${i + j}@example.com`)),
    );
    customers.push(...(await Promise.all(batch)));
  }
  return customers;
}

export async function registerBooks(shop: Shop, admin: string, count: number, stock: number, tag: string, label: string, price = 12_000): Promise<Book[]> {
  const books: Book[] = [];
  for (let i = 0; i < count; i += 10) {
    const batch = Array.from({ length: Math.min(10, count - i) }, (_, j) =>
      retried(() => shop.registerBook(admin, `Bench ${label} ${tag} ${i + j}`, price, stock)),
    );
    books.push(...(await Promise.all(batch)));
  }
  return books;
}
