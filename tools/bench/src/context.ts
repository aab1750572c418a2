import { sleep } from '@bookstore/stack';
import { performance } from 'node:perf_hooks';
import type { Purchase, Standing } from '@bookstore/customer/dist/domain/grade';
import { AcceptedOrder } from './invariants';
import { ProcessSampler } from './sampler';
import { Book, Customer, Shop, signUpMany, registerBooks } from './shop';
import { backlog, drained } from './streams';
import { Target } from './target';

/** What every scenario is given. */
export interface Context {
  target: Target;
  /** For seeding, probes and checks: never the load's own pool. */
  shop: Shop;
  admin: string;
  sampler: ProcessSampler;
  tag: string;
  quick: boolean;
  /** `--duration`, when given. */
  durationSeconds?: number;
  drainTimeoutMs: number;
  standingOf: (purchases: Purchase[]) => Standing;
  log: (line: string) => void;
}

/** Streams of the shop (the floor's are its own). */
export const isShopStream = (stream: string): boolean => !stream.startsWith('Floor');

/** Time from now until every consumer group has read and acknowledged everything; null on timeout. */
export async function waitDrained(ctx: Context, only: (stream: string) => boolean): Promise<number | null> {
  const start = performance.now();
  while (performance.now() - start < ctx.drainTimeoutMs) {
    if (drained(await backlog(ctx.target.redis, only))) return performance.now() - start;
    await sleep(100);
  }
  return null;
}

/** Accepted orders from the load's answers: 201 bodies, then the cancels that succeeded. */
export class Ledger {
  readonly orders = new Map<string, AcceptedOrder>();
  accept(body: unknown): AcceptedOrder | undefined {
    const o = body as AcceptedOrder | undefined;
    if (!o?.orderId) return undefined;
    const order = { orderId: o.orderId, customerId: o.customerId, bookId: o.bookId, qty: o.qty, price: o.price, orderedAt: o.orderedAt, cancelled: false };
    this.orders.set(order.orderId, order);
    return order;
  }

  cancelled(orderId: string): void {
    const order = this.orders.get(orderId);
    if (order) order.cancelled = true;
  }
}

/** A scenario's world: its own books and customers, and probe customers with a book of their own. */
export interface World {
  books: Book[];
  customers: Customer[];
  probes: Customer[];
  probeBook: Book;
}

export async function makeWorld(ctx: Context, label: string, books: number, stock: number, customers: number): Promise<World> {
  const [bookList, customerList, probes, probeBooks] = await Promise.all([
    registerBooks(ctx.shop, ctx.admin, books, stock, ctx.tag, label),
    signUpMany(ctx.shop, customers, ctx.tag, label),
    signUpMany(ctx.shop, 2, ctx.tag, `${label}-probe`),
    registerBooks(ctx.shop, ctx.admin, 1, 1_000_000, ctx.tag, `${label}-probe`),
  ]);
  return { books: bookList, customers: customerList, probes, probeBook: probeBooks[0]! };
}

/** Shop processes of the target: everything the stack started (the load generator apart). */
export function watchShop(ctx: Context): string[] {
  const names: string[] = [];
  for (const [name, pid] of ctx.target.processes()) {
    ctx.sampler.watch(name, pid);
    names.push(name);
  }
  return names;
}
