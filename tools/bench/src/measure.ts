import { performance } from 'node:perf_hooks';
import type { Purchase, Standing } from '@bookstore/customer/dist/domain/grade';
import { Client } from './http';
import { AcceptedOrder, BookStock, mileageMismatch, orderFates, StockViolation, stockViolations } from './invariants';
import { LagProbes } from './lag';
import { RequestRecord } from './load';
import { ScenarioResult } from './result';
import { ProcessSampler, SELF } from './sampler';
import { Book, Customer, MyPageRow, Shop, signUpMany, registerBooks } from './shop';
import { countBy, overTime, summarize } from './stats';
import { backlog, drained } from './streams';
import { Target } from './target';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

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

export interface Measured {
  records: RequestRecord[];
  /** The op whose latency is the scenario's headline (orders). */
  mainOp: string;
  loadStart: number;
  loadEnd: number;
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

/**
 * Runs `load` with lag probes beside it, waits for the shop to drain, and checks that nothing
 * was lost; CPU is counted from the load's start to the end of the drain.
 */
export async function measureShop(
  ctx: Context,
  scenario: { name: string; what: string; settings: Record<string, unknown>; world: World; ledger: Ledger; extraCustomers?: Customer[]; history?: Map<string, Purchase[]> },
  load: () => Promise<Measured>,
): Promise<ScenarioResult> {
  const { world, ledger } = scenario;
  const shopNames = watchShop(ctx);
  const probes = new LagProbes(ctx.shop, world.probes, world.probeBook);
  const from = ctx.sampler.mark();
  probes.start();
  const measured = await load();
  await probes.stop();
  ctx.log(`  load over: ${measured.records.length} answers; waiting for events to drain`);
  const streamsMs = await waitDrained(ctx, isShopStream);
  const customers = [...world.customers, ...(scenario.extraCustomers ?? [])];
  const { rows, finalMs } = await settledRows(ctx, customers, ledger, measured.loadEnd);
  const to = ctx.sampler.mark();
  for (const order of probes.accepted) {
    ledger.orders.set(order.orderId, order);
  }
  const probeRows = (await Promise.all(world.probes.map((p) => ctx.shop.myPages(p.token)))).flat();
  const processes = ctx.sampler.figures(from, to);
  const shopSeconds = shopNames.reduce((sum, name) => sum + (processes[name]?.cpuSeconds ?? 0), 0);
  const accepted = measured.records.filter((r) => r.op === measured.mainOp && r.status === 201).length;
  const loadSeconds = (measured.loadEnd - measured.loadStart) / 1000;
  const checks = await check(ctx, world, ledger, [...rows, ...probeRows], customers, scenario.history ?? new Map(), finalMs);
  const main = measured.records.filter((r) => r.op === measured.mainOp);
  // Server clocks on both ends (one machine): when the order was placed → when delivery published DeliveryStarted.
  const lagAll = rows
    .filter((r) => r.status === 'DeliveryStarted' && ledger.orders.has(r.orderId))
    .map((r) => Date.parse(r.updatedAt) - Date.parse(ledger.orders.get(r.orderId)!.orderedAt));
  return {
    name: scenario.name,
    what: scenario.what,
    loadSeconds,
    settings: scenario.settings,
    requests: measured.records.length,
    byStatus: countBy(measured.records, (r) => String(r.status)),
    byOp: byOp(measured.records),
    throughput: loadSeconds > 0 ? accepted / loadSeconds : 0,
    latency: summarize(main.map((r) => r.end - r.intended)),
    overTime: overTime(main.map((r) => ({ end: r.end, latency: r.end - r.intended, ok: r.status === 201 })), measured.loadStart),
    lag: {
      myPage: summarize(probes.samples.myPage),
      mileage: summarize(probes.samples.mileage),
      unseen: probes.samples.unseen,
      deliveryStartedEvent: summarize(lagAll),
      myPageValues: probes.samples.myPage,
      mileageValues: probes.samples.mileage,
    },
    drain: { streamsMs, finalMs },
    processes,
    cpu: { shopSeconds, perAcceptedMs: accepted > 0 ? (shopSeconds * 1000) / accepted : Number.NaN },
    checks,
    extra: { loadGeneratorCpuSeconds: processes[SELF]?.cpuSeconds ?? 0 },
    log: requestLog(measured.records, measured.loadStart),
    failures: failuresOf(measured.records),
  };
}

const tenth = (ms: number): number => Math.round(ms * 10) / 10;

export function failuresOf(records: readonly RequestRecord[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const r of records) {
    if (!r.error) continue;
    const list = (out[String(r.status)] ??= []);
    if (list.length < 3 && !list.includes(r.error)) list.push(r.error);
  }
  return out;
}

export function requestLog(records: readonly RequestRecord[], start: number): NonNullable<ScenarioResult['log']> {
  return { columns: ['op', 'intendedMs', 'endMs', 'status'], rows: records.map((r) => [r.op, tenth(r.intended - start), tenth(r.end - start), r.status]) };
}

export function byOp(records: readonly RequestRecord[]): ScenarioResult['byOp'] {
  const ops = new Map<string, RequestRecord[]>();
  for (const r of records) ops.set(r.op, [...(ops.get(r.op) ?? []), r]);
  return Object.fromEntries(
    [...ops].map(([op, rs]) => [op, { count: rs.length, byStatus: countBy(rs, (r) => String(r.status)), latency: summarize(rs.map((r) => r.end - r.intended)) }]),
  );
}

const FINAL = (order: AcceptedOrder): string => (order.cancelled ? 'DeliveryCancelled' : 'DeliveryStarted');

/**
 * The customers' MyPage rows once every accepted order shows its final status (or the drain
 * timeout passed); `finalMs` counts from the end of the load.
 */
async function settledRows(ctx: Context, customers: readonly Customer[], ledger: Ledger, loadEnd: number): Promise<{ rows: MyPageRow[]; finalMs: number | null }> {
  const deadline = performance.now() + ctx.drainTimeoutMs;
  for (;;) {
    const rows = (await Promise.all(customers.map((c) => ctx.shop.myPages(c.token)))).flat();
    const status = new Map(rows.map((r) => [r.orderId, r.status]));
    const final = [...ledger.orders.values()].every((o) => status.get(o.orderId) === FINAL(o));
    if (final) return { rows, finalMs: performance.now() - loadEnd };
    if (performance.now() > deadline) return { rows, finalMs: null };
    await sleep(100);
  }
}

/**
 * The stock invariant holds "once things settle": a hold whose order never stood (a lost
 * answer, a 503) is given back by the book's reminder seconds later, with no event to wait
 * for. So the check is repeated until it holds or the drain timeout passes.
 */
async function settledStock(ctx: Context, books: readonly Book[], rows: readonly MyPageRow[]): Promise<{ violations: StockViolation[]; settledMs: number | null }> {
  const start = performance.now();
  for (;;) {
    const stock: BookStock[] = await Promise.all(books.map(async (b) => ({ bookId: b.bookId, initial: b.stock, restocked: 0, current: (await ctx.shop.book(b.bookId)).stock })));
    const violations = stockViolations(stock, rows);
    if (violations.length === 0) return { violations, settledMs: performance.now() - start };
    if (performance.now() - start > ctx.drainTimeoutMs) return { violations, settledMs: null };
    await sleep(1_000);
  }
}

async function check(
  ctx: Context,
  world: World,
  ledger: Ledger,
  rows: MyPageRow[],
  customers: readonly Customer[],
  history: Map<string, Purchase[]>,
  drainedMs: number | null,
): Promise<ScenarioResult['checks']> {
  const books = [...world.books, world.probeBook];
  const { violations, settledMs } = await settledStock(ctx, books, rows);
  const fates = orderFates([...ledger.orders.values()], rows, new Set(books.map((b) => b.bookId)));
  // Orders that stand without a 201 are still the customer's: their standing counts them.
  const tokens = new Map([...customers, ...world.probes].map((c) => [c.customerId, c.token]));
  const customerOf = new Map(rows.map((r) => [r.orderId, r.customerId]));
  const unanswered = await Promise.all(
    fates.unanswered.map(async (orderId) => ({ ...(await ctx.shop.getOrder(tokens.get(customerOf.get(orderId)!)!, orderId)), cancelled: false })),
  );
  const orders: AcceptedOrder[] = [...ledger.orders.values(), ...unanswered];
  const mileage = [];
  for (const customer of [...customers, ...world.probes]) {
    const view = await ctx.shop.customer(customer.token, customer.customerId);
    const mismatch = mileageMismatch(ctx.standingOf, view, orders.filter((o) => o.customerId === customer.customerId), history.get(customer.customerId));
    if (mismatch) mileage.push(mismatch);
  }
  const notes = drainedMs === null ? [`the shop had not drained within ${ctx.drainTimeoutMs / 1000} s: what the checks found may be work still under way`] : [];
  if (fates.unanswered.length) notes.push(`${fates.unanswered.length} orders stand that no 201 answered (placed after a 503 or a client timeout)`);
  if (settledMs === null) notes.push(`stock did not add up within ${ctx.drainTimeoutMs / 1000} s of the drain`);
  else if (settledMs > 1_000) notes.push(`stock added up ${Math.round(settledMs)} ms after the events drained (holds settled by the book's reminder)`);
  return { stock: violations, fates, mileage, notes, stockSettledMs: settledMs };
}

export { Client };
