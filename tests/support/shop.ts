/**
 * Driving a running bookstore through its gateway, wherever it runs: a chaos scenario's own
 * local stack or the one-node cluster. A `Shop` is a gateway URL and the admin's password.
 */
import request from 'supertest';
import { Agent, request as httpRequest } from 'node:http';

export interface Shop {
  /** The gateway's base URL, e.g. http://127.0.0.1:30088. */
  readonly url: string;
  readonly adminPassword: string;
  gateway(): ReturnType<typeof request>;
}

/** Whether the gateway at `gatewayUrl` is ready and says every service is (its /readyz). */
export async function allReady(gatewayUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${gatewayUrl}/readyz`, { signal: AbortSignal.timeout(3_000) });
    const body = (await response.json()) as { services?: Record<string, string> };
    return response.status === 200 && Object.values(body.services ?? {}).every((s) => s === 'ready');
  } catch {
    return false;
  }
}

export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, intervalMs = 250): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return false;
}

export interface Session {
  admin: string;
  customer: { customerId: string; token: string };
}

/** An admin token and a fresh customer, for driving orders. */
export async function session(shop: Shop): Promise<Session> {
  const login = await shop.gateway().post('/auth/login').send({ email: 'admin@bookstore.local', password: shop.adminPassword });
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${JSON.stringify(login.body)}`);
  const signUp = await shop
    .gateway()
    .post('/customers')
    .send({ name: 'Chaos', email: `chaos-${Date.now()}-${Math.random()}@example.com`, password: 'long enough' });
  if (signUp.status !== 201) throw new Error(`sign-up failed: ${signUp.status}`);
  return { admin: login.body.token as string, customer: { customerId: signUp.body.customerId, token: signUp.body.token } };
}

export async function registerBook(shop: Shop, admin: string, stock: number, price = 1_000): Promise<string> {
  const book = await shop
    .gateway()
    .post('/books')
    .set('Authorization', `Bearer ${admin}`)
    .send({ title: `Chaos ${Date.now()}`, price, stock });
  if (book.status !== 201) throw new Error(`book registration failed: ${book.status}`);
  return book.body.bookId as string;
}

/** Every order of a book, as the admin lists them (all pages). */
export async function ordersOf(shop: Shop, admin: string, bookId: string): Promise<Array<{ orderId: string; status: string; qty: number }>> {
  const all: Array<{ orderId: string; bookId: string; status: string; qty: number }> = [];
  let cursor: string | undefined;
  do {
    const page = await shop
      .gateway()
      .get('/orders')
      .query({ limit: 200, ...(cursor ? { cursor } : {}) })
      .set('Authorization', `Bearer ${admin}`);
    if (page.status !== 200) throw new Error(`listing orders failed: ${page.status}`);
    all.push(...page.body.items);
    cursor = page.body.nextCursor ?? undefined;
  } while (cursor);
  return all.filter((o) => o.bookId === bookId);
}

/**
 * The stock invariant, once events settle: initial stock + copies added = current stock +
 * the copies of every order in state Ordered. Answers both sides, waiting up to `timeoutMs`
 * for them to meet (a released reservation comes back a little later).
 */
export async function stockBalance(
  shop: Shop,
  admin: string,
  bookId: string,
  initialPlusAdded: number,
  timeoutMs = 60_000,
): Promise<{ expected: number; actual: number }> {
  let last = { expected: initialPlusAdded, actual: Number.NaN };
  await waitUntil(
    async () => {
      const stock = (await shop.gateway().get(`/books/${bookId}`)).body.stock as number;
      const ordered = (await ordersOf(shop, admin, bookId)).filter((o) => o.status === 'Ordered').reduce((sum, o) => sum + o.qty, 0);
      last = { expected: initialPlusAdded, actual: stock + ordered };
      return last.actual === last.expected;
    },
    timeoutMs,
    1_000,
  );
  return last;
}

export interface LoadResult {
  ok: number;
  failed: string[];
  /** The orderIds of every order the shop accepted (201). */
  accepted: string[];
}

export interface Load {
  /** Stops the loops and answers every request's outcome. */
  stop(): Promise<LoadResult>;
}

/** Siege's default: a new connection per request (`connection = close`). */
const freshConnections = new Agent({ keepAlive: false });

function send(url: string, method: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers, agent: freshConnections, timeout: 15_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('TimeoutError')));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * `workers` loops, siege-like, each ordering one copy and reading the book as fast as the
 * shop answers. A failure is any answer but 2xx, or no answer; each is kept as a short line.
 */
export function steadyLoad(shop: Shop, token: string, bookId: string, workers: number): Load {
  let running = true;
  const result: LoadResult = { ok: 0, failed: [], accepted: [] };
  const call = async (method: string, path: string, body?: unknown): Promise<void> => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) };
    try {
      const response = await send(`${shop.url}${path}`, method, headers, body ? JSON.stringify(body) : undefined);
      if (response.status >= 200 && response.status < 300) {
        result.ok += 1;
        if (method === 'POST') result.accepted.push((JSON.parse(response.text) as { orderId: string }).orderId);
      } else {
        const type = /problems\/([a-z-]+)/.exec(response.text)?.[1] ?? '';
        result.failed.push(`${method} ${path.split('/')[1]} ${response.status} ${type} ${/"detail":"([^"]*)"/.exec(response.text)?.[1] ?? ''}`);
      }
    } catch (error) {
      result.failed.push(`${method} ${path.split('/')[1]} ${(error as Error).message}`);
    }
  };
  const loops = Array.from({ length: workers }, async () => {
    while (running) {
      await call('POST', '/orders', { bookId, qty: 1 });
      await call('GET', `/books/${bookId}`);
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      return result;
    },
  };
}
