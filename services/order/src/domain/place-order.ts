import { claimKey, ClaimDeps } from './claim-key';
import { orderedEvent, outOfStockedEvent } from './events';
import { KeyRecord, RememberedOutcome } from './idempotency';
import { Order, OrderRequest, orderedOrder, outOfStockOrder } from './order';
import { EventDispatch, OrderChange, OrderRepository, StockReservations } from './ports';

export type PlaceOrderResult =
  | { kind: 'ordered'; order: Order; replayed: boolean }
  | { kind: 'out-of-stock'; order: Order; replayed: boolean }
  | { kind: 'book-not-found' }
  | { kind: 'stock-unavailable'; reason: string }
  /** The Idempotency-Key was used for another body (422). */
  | { kind: 'key-reused' }
  /** The Idempotency-Key's first request is still being answered (409, retry). */
  | { kind: 'key-in-use' }
  /** The caller's deadline passed before the order could be placed: none was (503). */
  | { kind: 'caller-gone' };

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
  /** When the caller stops waiting (epoch ms): no work starts, and nothing commits, after it. */
  deadlineMs?: number;
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
 * Places an order, as a saga step that any crash can interrupt. Stock is reserved
 * synchronously on the book (the one synchronous step), keyed by orderId, and held there
 * until the order is known; the order, its event and the remembered answer are then written
 * in one transaction, first-write, and the event is published from there. Nothing is
 * recorded before the order itself: a book holding copies for an order it never hears of
 * asks what became of it, and that question fails the placement for good when it has no
 * record (see OrderFate), so a late commit can never place an order whose copies went back.
 * No work starts, and nothing commits, once the caller's deadline has passed; an answer that
 * says no order was placed (503) is only given once that is certain.
 * With an Idempotency-Key, the first answer (201 or 409) is remembered and replayed; a 503
 * or 404 is not, and gives the key back for a retry.
 */
export async function placeOrder(deps: PlaceOrderDeps, input: PlaceOrderInput): Promise<PlaceOrderResult> {
  if (pastDeadline(deps, input)) return { kind: 'caller-gone' };
  if (!input.idempotency) return attempt(deps, input, { orderId: deps.newId(), takenOver: false });

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
    const result = await attempt(deps, input, claim, { key, fingerprint });
    if (result.kind !== 'ordered' && result.kind !== 'out-of-stock') await release();
    return result;
  } catch (error) {
    await release();
    throw error;
  }
}

function pastDeadline(deps: PlaceOrderDeps, input: PlaceOrderInput): boolean {
  return input.deadlineMs !== undefined && deps.nowMs() >= input.deadlineMs;
}

function asPlaced(order: Order): PlaceOrderResult {
  return order.status === 'OutOfStocked' ? { kind: 'out-of-stock', order, replayed: true } : { kind: 'ordered', order, replayed: true };
}

async function attempt(
  deps: PlaceOrderDeps,
  input: PlaceOrderInput,
  placement: { orderId: string; takenOver: boolean },
  rememberUnder?: { key: string; fingerprint: string },
): Promise<PlaceOrderResult> {
  const { orderId } = placement;
  if (placement.takenOver) {
    // A stalled request with this key may have placed it after all: its answer is ours.
    const placed = await deps.orders.get(orderId);
    if (placed) return asPlaced(placed.value);
  }
  const request: OrderRequest = { orderId, bookId: input.bookId, customerId: input.customerId, qty: input.qty, orderedAt: deps.now().toISOString() };
  const reservation = await deps.stock.reserve(request.bookId, orderId, request.qty, input.deadlineMs);
  let outcome: RememberedOutcome;
  switch (reservation.kind) {
    case 'unavailable':
      // Whatever the book may have taken goes back: it asks, and finds no order.
      return { kind: 'stock-unavailable', reason: reservation.reason };
    case 'book-not-found':
      return { kind: 'book-not-found' };
    case 'out-of-stock':
      outcome = { kind: 'out-of-stock', order: outOfStockOrder(request, reservation.unitPrice) };
      break;
    case 'reserved':
      outcome = { kind: 'ordered', order: orderedOrder(request, reservation.unitPrice) };
      break;
  }
  // The caller has given up: nothing is committed, and the held copies go back as above.
  if (pastDeadline(deps, input)) return { kind: 'caller-gone' };
  const events = [outcome.kind === 'ordered' ? orderedEvent(outcome.order) : outOfStockedEvent(outcome.order)];
  const change = {
    order: outcome.order,
    events,
    ...(rememberUnder ? { remember: { key: rememberUnder.key, record: answered(rememberUnder.fingerprint, outcome) } } : {}),
  };
  if (!(await commitOrLearn(deps, change))) {
    // The key was taken first: by this order itself (a taken-over key), or by its failure
    // (a book asked about it first, and is giving the copies back).
    const placed = await deps.orders.get(orderId);
    return placed ? asPlaced(placed.value) : { kind: 'stock-unavailable', reason: 'the placement outlived its time and was failed' };
  }
  await deps.events.dispatch(events);
  return { ...outcome, replayed: false };
}

/**
 * Commits; when the store's answer is lost, learns what holds instead of guessing: asking
 * the order's fate either finds the commit or fails the placement for good. Only a lost
 * answer to that question too leaves the outcome unknown, and then this throws (500, not 503).
 */
async function commitOrLearn(deps: PlaceOrderDeps, change: OrderChange): Promise<boolean> {
  try {
    return await deps.orders.commit(change);
  } catch {
    return (await deps.orders.fate(change.order.orderId)) === change.order.status;
  }
}
