#!/usr/bin/env node
/**
 * npm run demo: replays the original bookstore's walkthrough through the gateway, printing
 * each request and answer. Uses the bookstore at BOOKSTORE_GATEWAY_URL (the cluster's, for
 * instance), or the one running on the gateway port, or starts one.
 */
import { randomUUID } from 'node:crypto';
import { readCredentials } from './credentials';
import { portPlan } from './ports';
import { httpStatus, sleep } from './probes';
import { startStack, Stack } from './stack';

interface Answer {
  status: number;
  // A demo reads whatever came back, field by field: no static shape to give it.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

const bold = (s: string): string => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s: string): string => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s);

let base = '';

async function call(method: string, path: string, options: { token?: string; body?: unknown; quiet?: boolean } = {}): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${base}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  const body = text ? JSON.parse(text) : undefined;
  if (!options.quiet) {
    console.log(`${bold(`${method} ${path}`)}${options.body === undefined ? '' : ` ${JSON.stringify(options.body)}`}`);
    console.log(dim(`  → ${response.status} ${JSON.stringify(body)}`));
  }
  return { status: response.status, body };
}

/** Polls until `accept` holds (events settle asynchronously), then prints the answer. */
async function until(path: string, token: string, accept: (a: Answer) => boolean): Promise<Answer> {
  for (let i = 0; i < 100; i++) {
    const answer = await call('GET', path, { token, quiet: true });
    if (accept(answer)) return call('GET', path, { token });
    await sleep(200);
  }
  throw new Error(`${path} did not settle`);
}

function expect(answer: Answer, status: number, what: string): void {
  if (answer.status !== status) throw new Error(`${what}: expected ${status}, got ${answer.status}`);
}

function section(title: string): void {
  console.log(`\n== ${title} ==`);
}

async function walkthrough(): Promise<void> {
  const run = randomUUID().slice(0, 6);
  section('The admin logs in (password from the secret store)');
  const adminLogin = await call('POST', '/auth/login', {
    body: { email: 'admin@bookstore.local', password: process.env.BOOKSTORE_ADMIN_PASSWORD ?? readCredentials().adminPassword },
  });
  expect(adminLogin, 200, 'admin login');
  const adminToken: string = adminLogin.body.token;

  section('Two customers sign up');
  const alice = await call('POST', '/customers', { body: { name: 'Alice', email: `alice-${run}@example.com`, password: 'wonderland' } });
  const bob = await call('POST', '/customers', { body: { name: 'Bob', email: `bob-${run}@example.com`, password: 'builder42' } });
  expect(alice, 201, 'sign-up');
  expect(bob, 201, 'sign-up');
  await sleep(300);

  section('The admin registers a book with 2 copies (existing customers are told)');
  const book = await call('POST', '/books', {
    token: adminToken,
    body: { title: `Domain-Driven Design (${run})`, author: 'Eric Evans', price: 60000, stock: 2 },
  });
  expect(book, 201, 'register book');
  const bookId: string = book.body.bookId;

  section('Alice orders a copy (httpie style: numbers as strings); delivery starts');
  const order = await call('POST', '/orders', { token: alice.body.token, body: { bookId, qty: '1' } });
  expect(order, 201, 'order');
  const orderId: string = order.body.orderId;
  await until(`/myPages/${orderId}`, alice.body.token, (a) => a.body?.status === 'DeliveryStarted');
  await until(`/customers/${alice.body.customerId}`, alice.body.token, (a) => a.body?.purchased === 60000);

  section('Alice cancels; the delivery is cancelled, the copy comes back, mileage is reversed');
  expect(await call('POST', `/orders/${orderId}/cancel`, { token: alice.body.token }), 200, 'cancel');
  await until(`/myPages/${orderId}`, alice.body.token, (a) => a.body?.status === 'DeliveryCancelled');
  await until(`/books/${bookId}`, alice.body.token, (a) => a.body?.stock === 2);
  await until(`/customers/${alice.body.customerId}`, alice.body.token, (a) => a.body?.purchased === 0);

  section('Bob wants 5 copies: out of stock, recorded');
  expect(await call('POST', '/orders', { token: bob.body.token, body: { bookId, qty: 5 } }), 409, 'out-of-stock order');

  section('The admin restocks 1000 copies (the original walkthrough); Bob is told');
  expect(await call('PATCH', '/books/reStock', { token: adminToken, body: { bookId, stock: '1000' } }), 200, 'restock');
  await until('/notifications', bob.body.token, (a) =>
    (a.body?.items ?? []).some((n: { kind: string; bookId: string }) => n.kind === 'Restocked' && n.bookId === bookId),
  );

  section('Bob orders 4 copies (240,000 won): his grade and mileage change');
  await call('GET', `/customers/${bob.body.customerId}`, { token: bob.body.token });
  expect(await call('POST', '/orders', { token: bob.body.token, body: { bookId, qty: 4 } }), 201, 'order');
  await until(`/customers/${bob.body.customerId}`, bob.body.token, (a) => a.body?.grade === 'GOLD');

  section("Bob's MyPage");
  await call('GET', '/myPages', { token: bob.body.token });
  console.log('\nThe walkthrough ran clean.');
}

async function main(): Promise<void> {
  const { plan } = portPlan();
  base = process.env.BOOKSTORE_GATEWAY_URL ?? `http://localhost:${plan.services.gateway.app}`;
  let stack: Stack | undefined;
  if (process.env.BOOKSTORE_GATEWAY_URL === undefined && (await httpStatus(`${base}/readyz`)) !== 200) {
    console.log('No bookstore is running: starting one for the demo.');
    stack = await startStack();
  }
  try {
    await walkthrough();
  } finally {
    await stack?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`\nThe demo stopped: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
