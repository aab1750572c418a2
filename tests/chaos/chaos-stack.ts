import request from 'supertest';
import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../tools/stack/src/paths';
import { appTokenHeader, startStack, Stack } from '../../tools/stack/src';
import type { Instance, StackOptions } from '../../tools/stack/src';

/**
 * A stack of its own for each chaos scenario, on ports of its own (offset 5000) so it never
 * meets a bookstore a developer is running, with two replicas of every consumer. `settings`
 * are environment variables for every app (tighter limits, say).
 */
export async function startChaosStack(name: string, settings: Record<string, string> = {}, replicas: StackOptions['replicas'] = { delivery: 2, customer: 2, customercenter: 2 }): Promise<ChaosStack> {
  const data = join(ROOT, '.data', 'chaos', name);
  rmSync(data, { recursive: true, force: true }); // each run starts from empty stores: no events left from the last
  const env = { ...process.env, ...settings, BOOKSTORE_PORT_OFFSET: process.env.BOOKSTORE_CHAOS_PORT_OFFSET ?? '5000', BOOKSTORE_DATA_DIR: data };
  const stack = await startStack({ env, replicas, log: () => undefined });
  return new ChaosStack(stack);
}

export class ChaosStack {
  constructor(readonly stack: Stack) {}

  gateway(): ReturnType<typeof request> {
    return request(this.stack.gatewayUrl);
  }

  instances(service: Instance['service']): Instance[] {
    return this.stack.instances.filter((i) => i.service === service);
  }

  /** Stops every instance of the services, apps (and, with `sidecars`, their daprds too). */
  async stop(services: Array<Instance['service']>, { sidecars }: { sidecars: boolean }): Promise<void> {
    const names = services.flatMap((s) => this.instances(s)).flatMap((i) => [`${i.name}-app`, ...(sidecars ? [`${i.name}-daprd`] : [])]);
    await Promise.all(names.map((n) => this.stack.supervisor.stop(this.stack.supervisor.get(n))));
  }

  /** Starts again whatever of the services' processes is not running, and waits until ready. */
  async restart(services: Array<Instance['service']>): Promise<void> {
    const instances = services.flatMap((s) => this.instances(s));
    for (const instance of instances) {
      for (const part of ['daprd', 'app']) {
        const name = `${instance.name}-${part}`;
        if (!this.stack.supervisor.get(name).running) this.stack.supervisor.restart(name);
      }
    }
    await Promise.all(instances.map((i) => waitUntil(async () => (await status(`http://127.0.0.1:${i.ports.app}/readyz`, appTokenHeader(this.stack.credentials, i.service))) === 200, 60_000)));
  }

  async close(): Promise<void> {
    await this.stack.stop();
  }
}

async function status(url: string, headers: Record<string, string> = {}): Promise<number> {
  try {
    return (await fetch(url, { headers, signal: AbortSignal.timeout(1_000) })).status;
  } catch {
    return 0;
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

export const FIGURES_FILE = join(ROOT, 'reports', 'chaos-figures.jsonl');

/** One line per scenario, printed now and gathered into the summary table at the end of the run. */
export function report(scenario: string, figures: Record<string, string | number>): void {
  const line = Object.entries(figures)
    .map(([k, v]) => `${k}=${v}`)
    .join('  ');
  process.stdout.write(`\n[chaos] ${scenario}: ${line}\n`);
  mkdirSync(join(ROOT, 'reports'), { recursive: true });
  appendFileSync(FIGURES_FILE, `${JSON.stringify({ scenario, figures })}\n`);
}

export interface Session {
  admin: string;
  customer: { customerId: string; token: string };
}

/** An admin token and a fresh customer, for driving orders. */
export async function session(chaos: ChaosStack): Promise<Session> {
  const admin = (await chaos.gateway().post('/auth/login').send({ email: 'admin@bookstore.local', password: chaos.stack.credentials.adminPassword })).body.token as string;
  const signUp = await chaos.gateway().post('/customers').send({ name: 'Chaos', email: `chaos-${Date.now()}-${Math.random()}@example.com`, password: 'long enough' });
  if (signUp.status !== 201) throw new Error(`sign-up failed: ${signUp.status}`);
  return { admin, customer: { customerId: signUp.body.customerId, token: signUp.body.token } };
}

export async function registerBook(chaos: ChaosStack, admin: string, stock: number): Promise<string> {
  const book = await chaos.gateway().post('/books').set('Authorization', `Bearer ${admin}`).send({ title: `Chaos ${Date.now()}`, price: 1_000, stock });
  if (book.status !== 201) throw new Error(`book registration failed: ${book.status}`);
  return book.body.bookId as string;
}

/** Every order of a book, as the admin lists them (all pages). */
export async function ordersOf(chaos: ChaosStack, admin: string, bookId: string): Promise<Array<{ orderId: string; status: string; qty: number }>> {
  const all: Array<{ orderId: string; bookId: string; status: string; qty: number }> = [];
  let cursor: string | undefined;
  do {
    const page = await chaos.gateway().get('/orders').query({ limit: 200, ...(cursor ? { cursor } : {}) }).set('Authorization', `Bearer ${admin}`);
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
export async function stockBalance(chaos: ChaosStack, admin: string, bookId: string, initialPlusAdded: number, timeoutMs = 60_000): Promise<{ expected: number; actual: number }> {
  let last = { expected: initialPlusAdded, actual: Number.NaN };
  await waitUntil(async () => {
    const stock = (await chaos.gateway().get(`/books/${bookId}`)).body.stock as number;
    const ordered = (await ordersOf(chaos, admin, bookId)).filter((o) => o.status === 'Ordered').reduce((sum, o) => sum + o.qty, 0);
    last = { expected: initialPlusAdded, actual: stock + ordered };
    return last.actual === last.expected;
  }, timeoutMs, 1_000);
  return last;
}
