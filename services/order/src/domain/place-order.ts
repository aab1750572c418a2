import { claimKey, ClaimDeps } from './claim-key';
import { orderedEvent, outOfStockedEvent } from './events';
import { KeyRecord, RememberedOutcome } from './idempotency';
import { Order, OrderRequest, orderedOrder, outOfStockOrder } from './order';
import { pendingOrder } from './pending';
import { EventDispatch, OrderRepository, StockReservations } from './ports';

export type PlaceOrderResult =
  | { kind: 'ordered'; order: Order; replayed: boolean }
  | { kind: 'out-of-stock'; order: Order; replayed: boolean }
  | { kind: 'book-not-found' }
  | { kind: 'stock-unavailable'; reason: string }
  /** The Idempotency-Key was used for another body (422). */
  | { kind: 'key-reused' }
  /** The Idempotency-Key's first request is still being answered (409, retry). */
  | { kind: 'key-in-use' };

export interface PlaceOrderDeps extends ClaimDeps {
  stock: StockReservations;
  orders: OrderRepository;
  events: EventDispatch;
  now(): Date;
}

export interface PlaceOrderInput {
  bookId: string;
  customerId: string;
  qty: number;
  /** The customer's Idempotency-Key and a digest of the body it came with. */
  idempotency?: { key: string; fingerprint: string };
}

/** Keys are per customer: two customers may pick the same key without meeting. */
export function idempotencyScope(customerId: string, key: string): string {
  return `${customerId}:${key}`;
}

function answered(fingerprint: string, outcome: RememberedOutcome): KeyRecord {
  return { state: 'answered', fingerprint, orderId: outcome.order.orderId, outcome };
}

function replayed(outcome: RememberedOutcome): PlaceOrderResult {
  return { ...outcome, replayed: true };
}

/**
 * Places an order, as a saga step that any crash can interrupt. The placement is recorded
 * as Pending first; stock is then reserved synchronously on the book (the one synchronous
 * step), keyed by orderId, and held there until the order is known. The order, its event and
 * the remembered answer are written in one transaction, from Pending (compare-and-set), and
 * the event is published from there. A placement that ends without an order is marked
 * Failed, and the book, asking what became of it, gives its copies back: stock adds up
 * however the call ended (a timeout may have taken copies after all).
 * With an Idempotency-Key, the first answer (201 or 409) is remembered and replayed; a 503
 * or 404 is not, and gives the key back for a retry.
 */
export async function placeOrder(deps: PlaceOrderDeps, input: PlaceOrderInput): Promise<PlaceOrderResult> {
  if (!input.idempotency) return attempt(deps, input, deps.newId());

  const key = idempotencyScope(input.customerId, input.idempotency.key);
  const { fingerprint } = input.idempotency;
  const claim = await claimKey(deps, key, fingerprint);
  switch (claim.kind) {
    case 'replay':
      return replayed(claim.outcome);
    case 'mismatch':
      return { kind: 'key-reused' };
    case 'busy':
      return { kind: 'key-in-use' };
    case 'go':
      break;
  }
  const release = (): Promise<void> =>
    deps.keys.put(key, { state: 'released', fingerprint, orderId: claim.orderId }).catch(() => {
      // Giving the key back is a courtesy: the lease runs out on its own.
    });
  try {
    const result = await attempt(deps, input, claim.orderId, { key, fingerprint });
    if (result.kind !== 'ordered' && result.kind !== 'out-of-stock') await release();
    return result;
  } catch (error) {
    await release();
    throw error;
  }
}

async function attempt(
  deps: PlaceOrderDeps,
  input: PlaceOrderInput,
  orderId: string,
  rememberUnder?: { key: string; fingerprint: string },
): Promise<PlaceOrderResult> {
  const request: OrderRequest = { orderId, bookId: input.bookId, customerId: input.customerId, qty: input.qty, orderedAt: deps.now().toISOString() };
  const begun = await deps.orders.begin(pendingOrder(request));
  if (begun.kind === 'placed') {
    // A stalled request with this key placed it after all: its answer is ours.
    const order = begun.order;
    return order.status === 'OutOfStocked' ? { kind: 'out-of-stock', order, replayed: true } : { kind: 'ordered', order, replayed: true };
  }
  const giveUp = async (): Promise<void> => {
    // If this write fails too, the stale-placement sweep fails it a little later.
    await deps.orders.fail(orderId, begun.version).catch(() => false);
  };
  const reservation = await deps.stock.reserve(request.bookId, orderId, request.qty);
  let outcome: RememberedOutcome;
  switch (reservation.kind) {
    case 'unavailable':
      await giveUp();
      return { kind: 'stock-unavailable', reason: reservation.reason };
    case 'book-not-found':
      await giveUp();
      return { kind: 'book-not-found' };
    case 'out-of-stock':
      outcome = { kind: 'out-of-stock', order: outOfStockOrder(request, reservation.unitPrice) };
      break;
    case 'reserved':
      outcome = { kind: 'ordered', order: orderedOrder(request, reservation.unitPrice) };
      break;
  }
  const events = [outcome.kind === 'ordered' ? orderedEvent(outcome.order) : outOfStockedEvent(outcome.order)];
  const committed = await deps.orders.commit({
    order: outcome.order,
    expectedVersion: begun.version,
    events,
    ...(rememberUnder ? { remember: { key: rememberUnder.key, record: answered(rememberUnder.fingerprint, outcome) } } : {}),
  });
  // The sweep judged this placement dead and failed it first: the book gives the copies back.
  if (!committed) return { kind: 'stock-unavailable', reason: 'the placement outlived its time and was failed' };
  await deps.events.dispatch(events);
  return { ...outcome, replayed: false };
}
