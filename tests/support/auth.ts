import { randomUUID } from 'node:crypto';
import { readCredentials } from '../../tools/stack/src';
import { gateway } from './gateway';

export interface TestCustomer {
  customerId: string;
  name: string;
  email: string;
  password: string;
  token: string;
  /** `Authorization` header value for this customer. */
  bearer: string;
}

/** Signs up a new customer through the gateway (a fresh email each time). */
export async function signUpCustomer(name = 'Test Customer'): Promise<TestCustomer> {
  const email = `c-${randomUUID()}@example.com`;
  const password = 'correct horse battery';
  const response = await gateway().post('/customers').send({ name, email, password });
  if (response.status !== 201) throw new Error(`sign-up failed: ${response.status} ${JSON.stringify(response.body)}`);
  const { customerId, token } = response.body as { customerId: string; token: string };
  return { customerId, name, email, password, token, bearer: `Bearer ${token}` };
}

let adminBearer: string | undefined;

/** The local admin's password: made by the stack on first start, kept in `.data/admin-password`. */
export function adminPassword(): string {
  return process.env.BOOKSTORE_ADMIN_PASSWORD ?? readCredentials().adminPassword;
}

/** The local admin's `Authorization` header value (admin@bookstore.local, password from the secret store). */
export async function admin(): Promise<string> {
  if (adminBearer) return adminBearer;
  const response = await gateway().post('/auth/login').send({ email: 'admin@bookstore.local', password: adminPassword() });
  if (response.status !== 200) throw new Error(`admin login failed: ${response.status} ${JSON.stringify(response.body)}`);
  adminBearer = `Bearer ${(response.body as { token: string }).token}`;
  return adminBearer;
}

/** Registers a book as admin and answers it. */
export async function registerBook(
  fields: { title?: string; author?: string; price?: number; stock?: number } = {},
): Promise<{ bookId: string; price: number; stock: number }> {
  const response = await gateway()
    .post('/books')
    .set('Authorization', await admin())
    .send({
      title: fields.title ?? `Book ${randomUUID().slice(0, 8)}`,
      author: fields.author ?? 'Author',
      price: fields.price ?? 10_000,
      stock: fields.stock ?? 10,
    });
  if (response.status !== 201) throw new Error(`book registration failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { bookId: string; price: number; stock: number };
}
