import { sleep } from '@bookstore/stack';
import { performance } from 'node:perf_hooks';
import type { Purchase } from '@bookstore/customer/dist/domain/grade';
import { Context, Ledger, World } from './context';
import { AcceptedOrder, BookStock, mileageMismatch, orderFates, StockViolation, stockViolations } from './invariants';
import { ScenarioResult } from './result';
import { Book, Customer, MyPageRow } from './shop';

const FINAL = (order: AcceptedOrder): string => (order.cancelled ? 'DeliveryCancelled' : 'DeliveryStarted');

/**
 * The customers' MyPage rows once every accepted order shows its final status (or the drain
 * timeout passed); `finalMs` counts from the end of the load.
 */
export async function settledRows(
  ctx: Context,
  customers: readonly Customer[],
  ledger: Ledger,
  loadEnd: number,
): Promise<{ rows: MyPageRow[]; finalMs: number | null }> {
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
async function settledStock(
  ctx: Context,
  books: readonly Book[],
  rows: readonly MyPageRow[],
): Promise<{ violations: StockViolation[]; settledMs: number | null }> {
  const start = performance.now();
  for (;;) {
    const stock: BookStock[] = await Promise.all(
      books.map(async (b) => ({ bookId: b.bookId, initial: b.stock, restocked: 0, current: (await ctx.shop.book(b.bookId)).stock })),
    );
    const violations = stockViolations(stock, rows);
    if (violations.length === 0) return { violations, settledMs: performance.now() - start };
    if (performance.now() - start > ctx.drainTimeoutMs) return { violations, settledMs: null };
    await sleep(1_000);
  }
}

export async function check(
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
    const mismatch = mileageMismatch(
      ctx.standingOf,
      view,
      orders.filter((o) => o.customerId === customer.customerId),
      history.get(customer.customerId),
    );
    if (mismatch) mileage.push(mismatch);
  }
  const notes = drainedMs === null ? [`the shop had not drained within ${ctx.drainTimeoutMs / 1000} s: what the checks found may be work still under way`] : [];
  if (fates.unanswered.length) notes.push(`${fates.unanswered.length} orders stand that no 201 answered (placed after a 503 or a client timeout)`);
  if (settledMs === null) notes.push(`stock did not add up within ${ctx.drainTimeoutMs / 1000} s of the drain`);
  else if (settledMs > 1_000) notes.push(`stock added up ${Math.round(settledMs)} ms after the events drained (holds settled by the book's reminder)`);
  return { stock: violations, fates, mileage, notes, stockSettledMs: settledMs };
}
