import { CUSTOMER_ACTOR_METHODS, CUSTOMER_ACTOR_TYPE, MAX_RECORDS } from '@bookstore/contracts';
import { sleep } from '@bookstore/stack';
import { performance } from 'node:perf_hooks';
import type { Purchase } from '@bookstore/customer/dist/domain/grade';
import { Client } from './http';
import { closedLoop, RequestRecord } from './load';
import { Context, Ledger, makeWorld, watchShop } from './context';
import { measureShop } from './measure';
import { ScenarioResult } from './result';
import { bearer, Customer } from './shop';
import { summarize, Summary } from './stats';

/** The price of each order of the built history: the customer ends VIP, so new orders earn 5%. */
const HISTORY_PRICE = 1_000;

/** The most events one `recordMany` call takes (the CustomerActor's bound). */
const HISTORY_BATCH = MAX_RECORDS;

/**
 * Gives a customer `target` past orders, as the customer service would have recorded them
 * from `Ordered` events: through the customer sidecar's actor API (the CustomerActor's
 * `recordMany`, with the customer app's Dapr API token, 1,000 orders a call, one after
 * another, oldest first: the ledger takes a newest order in O(1)), within a time budget.
 * The public API would take as long as placing every order.
 * These orders exist only in the customer's standing (no order, stock or MyPage row), which
 * is all that a history's cost depends on.
 */
async function buildHistory(ctx: Context, customer: Customer, target: number, budgetMs: number): Promise<Purchase[]> {
  const sidecar = new Client(`http://127.0.0.1:${ctx.target.plan.services.customer.http}`, 1, 60_000);
  const headers = { 'dapr-api-token': ctx.target.credentials.apps.customer.daprApiToken };
  const history: Purchase[] = [];
  const base = Date.parse('2020-01-01T00:00:00.000Z');
  const deadline = performance.now() + budgetMs;
  let next = 0;
  let failure: string | undefined;
  while (next < target && performance.now() < deadline && !failure) {
    const first = next;
    next = Math.min(target, next + HISTORY_BATCH);
    const batch: Purchase[] = [];
    for (let i = first; i < next; i += 1) {
      batch.push({ orderId: `hist${String(i).padStart(6, '0')}`, price: HISTORY_PRICE, orderedAt: new Date(base + i * 1000).toISOString(), cancelled: false });
    }
    const events = batch.map((p) => ({ kind: 'ordered', orderId: p.orderId, price: p.price, orderedAt: p.orderedAt }));
    const answer = await sidecar.send({
      method: 'PUT',
      path: `/v1.0/actors/${CUSTOMER_ACTOR_TYPE}/${customer.customerId}/method/${CUSTOMER_ACTOR_METHODS.recordMany}`,
      headers,
      body: { events },
    });
    if (answer.status >= 300 || answer.status === 0) failure = `recordMany answered ${answer.status} ${answer.error ?? JSON.stringify(answer.body)}`;
    else history.push(...batch);
  }
  await sidecar.close();
  if (failure) throw new Error(`building the history failed: ${failure}`);
  return history;
}

interface Phase {
  records: RequestRecord[];
  orders: number;
  customerAppMsPerEvent: number;
  customerSidecarMsPerEvent: number;
  mileageLag: Summary;
  orderLatency: Summary;
}

/** Orders for one customer: a short closed loop (CPU per event), then sequential probes (mileage lag). */
async function phase(ctx: Context, customer: Customer, bookId: string, ledger: Ledger, seconds: number, probes: number): Promise<Phase> {
  watchShop(ctx);
  const client = new Client(ctx.target.gatewayUrl, 10);
  const from = ctx.sampler.mark();
  const records = await closedLoop(client, 10, seconds * 1000, () => ({
    op: 'order',
    call: { method: 'POST', path: '/orders', headers: bearer(customer.token), body: { bookId, qty: 1 } },
    after: (answer) => {
      if (answer.status === 201) ledger.accept(answer.body);
    },
  }));
  // Wait until the customer has applied every order (purchased includes them all).
  const expected = (): number => [...ledger.orders.values()].filter((o) => o.customerId === customer.customerId).reduce((s, o) => s + o.price, 0);
  const deadline = performance.now() + ctx.drainTimeoutMs;
  const base = (await ctx.shop.customer(customer.token, customer.customerId)).purchased - expected();
  while (performance.now() < deadline && (await ctx.shop.customer(customer.token, customer.customerId)).purchased < base + expected()) await sleep(100);
  const to = ctx.sampler.mark();
  const figures = ctx.sampler.figures(from, to);
  const accepted = records.filter((r) => r.status === 201).length;
  const lags: number[] = [];
  for (let i = 0; i < probes; i += 1) {
    const answer = await client.send({ method: 'POST', path: '/orders', headers: bearer(customer.token), body: { bookId, qty: 1 } });
    const at = performance.now();
    if (answer.status !== 201) continue;
    ledger.accept(answer.body);
    const want = base + expected();
    while (performance.now() - at < 30_000 && (await ctx.shop.customer(customer.token, customer.customerId)).purchased < want) await sleep(20);
    lags.push(performance.now() - at);
  }
  await client.close();
  return {
    records,
    orders: accepted,
    customerAppMsPerEvent: accepted ? ((figures['customer-app']?.cpuSeconds ?? 0) * 1000) / accepted : Number.NaN,
    customerSidecarMsPerEvent: accepted ? ((figures['customer-daprd']?.cpuSeconds ?? 0) * 1000) / accepted : Number.NaN,
    mileageLag: summarize(lags),
    orderLatency: summarize(records.map((r) => r.end - r.intended)),
  };
}

/**
 * A customer with a long history (50,000 orders; --quick 5,000) and a fresh one order the
 * same way; their customer-side CPU per event and mileage lag should be the same.
 */
export async function history(ctx: Context): Promise<ScenarioResult> {
  const target = ctx.quick ? 5_000 : 50_000;
  const budgetMs = ctx.quick ? 20_000 : 300_000;
  const seconds = ctx.durationSeconds ?? (ctx.quick ? 4 : 20);
  const world = await makeWorld(ctx, 'history', 1, 5_000_000, 2);
  const [fresh, long] = world.customers as [Customer, Customer];
  ctx.log(`  building a history of ${target} orders for one customer (budget ${budgetMs / 1000} s)`);
  const buildStart = performance.now();
  const past = await buildHistory(ctx, long, target, budgetMs);
  const buildSeconds = (performance.now() - buildStart) / 1000;
  ctx.log(`  built ${past.length} of ${target} in ${buildSeconds.toFixed(1)} s (${(past.length / buildSeconds).toFixed(0)}/s)`);
  const ledger = new Ledger();
  const phases: Record<string, Phase> = {};
  const result = await measureShop(
    ctx,
    {
      name: 'history',
      what: `A customer with ${past.length} past orders (target ${target}) and a fresh one: the next order should cost the same.`,
      settings: { target, built: past.length, buildSeconds, seconds },
      world,
      ledger,
      history: new Map([[long.customerId, past]]),
    },
    async () => {
      const loadStart = performance.now();
      phases.fresh = await phase(ctx, fresh, world.books[0]!.bookId, ledger, seconds, 10);
      phases.long = await phase(ctx, long, world.books[0]!.bookId, ledger, seconds, 10);
      return { records: [...phases.fresh.records, ...phases.long.records], mainOp: 'order', loadStart, loadEnd: performance.now() };
    },
  );
  const ratio = phases.long!.customerAppMsPerEvent / phases.fresh!.customerAppMsPerEvent;
  const summary = Object.fromEntries(Object.entries(phases).map(([k, { records: _records, ...figures }]) => [k, figures]));
  return { ...result, extra: { ...result.extra, historyBuilt: past.length, historyTarget: target, buildSeconds, phases: summary, customerCpuRatio: ratio } };
}
