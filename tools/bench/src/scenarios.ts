import { performance } from 'node:perf_hooks';
import { Client } from './http';
import { allAtOnce, closedLoop, NextStep, openLoop, Step } from './load';
import { Context, Ledger, makeWorld } from './context';
import { Measured } from './figures';
import { measureShop } from './measure';
import { ScenarioResult } from './result';
import { bearer, Customer, Order } from './shop';

/** The shop's scenarios (the floor and the history have files of their own). */

const pick = <T>(items: readonly T[], i: number): T => items[i % items.length]!;
const random = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

function orderStep(ledger: Ledger, customer: Customer, bookId: string): Step {
  return {
    op: 'order',
    call: { method: 'POST', path: '/orders', headers: bearer(customer.token), body: { bookId, qty: 1 } },
    after: (answer) => {
      if (answer.status === 201) ledger.accept(answer.body);
    },
  };
}

const seconds = (ctx: Context, full: number, quick: number): number => ctx.durationSeconds ?? (ctx.quick ? quick : full);

async function withClient<T>(ctx: Context, connections: number, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client(ctx.target.gatewayUrl, connections);
  try {
    return await work(client);
  } finally {
    await client.close();
  }
}

async function timed(mainOp: string, run: () => Promise<Measured['records']>): Promise<Measured> {
  const loadStart = performance.now();
  const records = await run();
  return { records, mainOp, loadStart, loadEnd: performance.now() };
}

/** seed / spread / overload: N users ordering in a closed loop with one token (or a few), over `books` books. */
async function closedOrders(
  ctx: Context,
  name: string,
  what: string,
  users: number,
  books: number,
  customers: number,
  fullSeconds: number,
  quickSeconds: number,
): Promise<ScenarioResult> {
  const world = await makeWorld(ctx, name, books, 5_000_000, customers);
  const ledger = new Ledger();
  const duration = seconds(ctx, fullSeconds, quickSeconds);
  ctx.log(`  ${users} users, ${books} book(s), ${customers} customer token(s), ${duration} s, closed loop`);
  return measureShop(ctx, { name, what, settings: { users, books, customers, seconds: duration, loop: 'closed' }, world, ledger }, () =>
    withClient(ctx, users, (client) =>
      timed('order', () =>
        closedLoop(client, users, duration * 1000, (worker, seq) => orderStep(ledger, pick(world.customers, worker), pick(world.books, worker + seq).bookId)),
      ),
    ),
  );
}

export const seed = (ctx: Context): Promise<ScenarioResult> =>
  closedOrders(ctx, 'seed', "The original's test: 100 users, one book, POST /orders, one customer token, closed loop.", 100, 1, 1, 60, 5);

export const spread = (ctx: Context): Promise<ScenarioResult> => closedOrders(ctx, 'spread', 'The same over 50 books.', 100, 50, 1, 60, 5);

export const overload = (ctx: Context): Promise<ScenarioResult> =>
  closedOrders(
    ctx,
    'overload',
    '1,000 users ordering over 50 books, closed loop: past capacity every answer should come within 1 s.',
    1000,
    50,
    ctx.quick ? 10 : 50,
    30,
    3,
  );

export async function open(ctx: Context): Promise<ScenarioResult> {
  const world = await makeWorld(ctx, 'open', 50, 5_000_000, ctx.quick ? 10 : 20);
  const ledger = new Ledger();
  const duration = seconds(ctx, 60, 3);
  const rate = 300;
  ctx.log(`  ${rate} orders/s over 50 books (${world.customers.length} customers), ${duration} s, open loop`);
  return measureShop(
    ctx,
    {
      name: 'open',
      what: "300 orders/s over 50 books, open loop: latency counted from each request's intended send time.",
      settings: { rate, books: 50, customers: world.customers.length, seconds: duration, loop: 'open' },
      world,
      ledger,
    },
    () =>
      withClient(ctx, 1000, (client) =>
        timed('order', () => openLoop(client, rate, duration * 1000, (i) => orderStep(ledger, pick(world.customers, i), pick(world.books, i).bookId))),
      ),
  );
}

export async function burst(ctx: Context): Promise<ScenarioResult> {
  const world = await makeWorld(ctx, 'burst', 1, 100, ctx.quick ? 10 : 20);
  const ledger = new Ledger();
  ctx.log(`  1,000 one-copy orders at once for a book with 100 copies (${world.customers.length} customers)`);
  const book = world.books[0]!;
  return measureShop(
    ctx,
    {
      name: 'burst',
      what: '1,000 one-copy orders at once for a book with 100 copies: expect 100 × 201, 900 × 409, no 503.',
      settings: { orders: 1000, copies: 100, customers: world.customers.length },
      world,
      ledger,
    },
    () => withClient(ctx, 1000, (client) => timed('order', () => allAtOnce(client, 1000, (i) => orderStep(ledger, pick(world.customers, i), book.bookId)))),
  );
}

/**
 * The mix, per user turn: browse the catalogue 30% (a page of 20, following the cursor half
 * the time), search 15%, one book 10%, order 25%, read MyPage 12% (the list, or the last
 * order's row), cancel the last order 4%, sign up 4%.
 */
export const MIX: Array<[string, number]> = [
  ['browse', 30],
  ['search', 15],
  ['book', 10],
  ['order', 25],
  ['myPage', 12],
  ['cancel', 4],
  ['signUp', 4],
];

export function opOf(roll: number): string {
  const total = MIX.reduce((sum, [, w]) => sum + w, 0);
  let at = roll * total;
  for (const [op, weight] of MIX) {
    if (at < weight) return op;
    at -= weight;
  }
  return MIX[MIX.length - 1]![0];
}

export async function mixed(ctx: Context): Promise<ScenarioResult> {
  const users = 50;
  const world = await makeWorld(ctx, 'mixed', 20, 5_000_000, ctx.quick ? 10 : 30);
  const ledger = new Ledger();
  const duration = seconds(ctx, 60, 5);
  const cursors = new Map<number, string>();
  const lastOrder = new Map<number, Order>();
  let signUps = 0;
  ctx.log(`  ${users} users, 20 books, ${world.customers.length} customers, ${duration} s, closed loop; mix ${MIX.map(([op, w]) => `${op} ${w}%`).join(', ')}`);
  const next: NextStep = (worker) => {
    const customer = pick(world.customers, worker);
    let op = opOf(Math.random());
    const last = lastOrder.get(worker);
    if (op === 'cancel' && !last) op = 'order';
    switch (op) {
      case 'browse': {
        const cursor = Math.random() < 0.5 ? cursors.get(worker) : undefined;
        return {
          op,
          call: { method: 'GET', path: `/books?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}` },
          after: (answer) => {
            const nextCursor = (answer.body as { nextCursor?: string | null } | undefined)?.nextCursor;
            if (nextCursor) cursors.set(worker, nextCursor);
            else cursors.delete(worker);
          },
        };
      }
      case 'search':
        return { op, call: { method: 'GET', path: `/books?q=${encodeURIComponent(`mixed ${ctx.tag} ${Math.floor(Math.random() * 20)}`)}` } };
      case 'book':
        return { op, call: { method: 'GET', path: `/books/${random(world.books).bookId}` } };
      case 'myPage':
        return {
          op,
          call: { method: 'GET', path: last && Math.random() < 0.5 ? `/myPages/${last.orderId}` : '/myPages?limit=20', headers: bearer(customer.token) },
        };
      case 'cancel':
        return {
          op,
          call: { method: 'POST', path: `/orders/${last!.orderId}/cancel`, headers: bearer(customer.token) },
          after: (answer) => {
            if (answer.status === 200) ledger.cancelled(last!.orderId);
            lastOrder.delete(worker);
          },
        };
      case 'signUp':
        signUps += 1;
        return {
          op,
          call: {
            method: 'POST',
            path: '/customers',
            body: { name: `Bench mixed ${signUps}`, email: `bench-${ctx.tag}-mixed-new-${signUps}@example.com`, password: 'bench password' },
          },
        };
      default: {
        const step = orderStep(ledger, customer, random(world.books).bookId);
        return {
          ...step,
          after: (answer, record) => {
            step.after?.(answer, record);
            if (answer.status === 201) lastOrder.set(worker, answer.body as Order);
          },
        };
      }
    }
  };
  return measureShop(
    ctx,
    {
      name: 'mixed',
      what: `A realistic mix: ${MIX.map(([op, w]) => `${op} ${w}%`).join(', ')}.`,
      settings: { users, books: 20, customers: world.customers.length, seconds: duration, mix: Object.fromEntries(MIX) },
      world,
      ledger,
    },
    () => withClient(ctx, users, (client) => timed('order', () => closedLoop(client, users, duration * 1000, next))),
  );
}
