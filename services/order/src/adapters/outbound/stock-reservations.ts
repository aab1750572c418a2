import { TaskCancelledError, timeout, TimeoutPolicy, TimeoutStrategy } from 'cockatiel';
import { Sidecar, SidecarError } from '@bookstore/runtime';
import {
  BOOK_ACTOR_TYPE,
  BookActorMethods,
  MAX_RESERVATIONS_PER_TURN,
  ReserveManyRequest,
  ReserveManyResult,
  ReserveRequest,
  ReserveResult,
} from '@bookstore/contracts';
import { Reservation, StockReservations } from '../../domain/ports';

/** How long before the caller's deadline the book stops taking copies for it: the answer's way back and the commit. */
export const ANSWER_MARGIN_MS = 500;

/** Sends one batch of reservations for one book and answers one result per reservation. */
export type SendBatch = (bookId: string, reservations: ReserveRequest[], signal: AbortSignal) => Promise<ReserveResult[]>;

interface Waiter {
  request: ReserveRequest;
  settle(reservation: Reservation): void;
  settled: boolean;
}

const timedOut: Reservation = { kind: 'unavailable', reason: 'TIMEOUT: the stock call ran out of its budget' };

function toReservation(result: ReserveResult): Reservation {
  if (result.ok) return { kind: 'reserved', unitPrice: result.unitPrice };
  switch (result.error) {
    case 'OUT_OF_STOCK':
      return { kind: 'out-of-stock', unitPrice: result.unitPrice };
    case 'BOOK_NOT_FOUND':
      return { kind: 'book-not-found' };
    case 'ORDER_RELEASED':
      // The book already gave this order's copies back (its saga was compensated): the
      // order is not placed, and nothing is recorded for it.
      return { kind: 'unavailable', reason: 'ORDER_RELEASED: the reservation was released before it was made' };
    case 'DEADLINE_PASSED':
      return timedOut;
  }
}

function unavailable(error: unknown): Reservation {
  if (error instanceof SidecarError) return { kind: 'unavailable', reason: `${error.code}: ${error.message}` };
  if (error instanceof TaskCancelledError) return timedOut;
  return { kind: 'unavailable', reason: String(error) };
}

/**
 * Reserves stock on the book's actor, batching per book. A book's actor takes one turn at a
 * time, so a bestseller's orders queue behind each turn; here, while one call for a book is
 * under way, the next orders for it wait and then go together in one turn (`reserveMany`).
 * A lone order goes at once, as a batch of one.
 *
 * Every order has the whole budget (3 s, or less if its caller's deadline comes first) from
 * the moment it asks, queueing included: when it runs out the order is told "unavailable"
 * (503) whatever its batch does later, and if it was still waiting it is never sent. A reservation
 * that happens after that is held by the book and given back by the saga (the book asks,
 * and the placement is Failed).
 */
export class BatchingBookStock implements StockReservations {
  private readonly queues = new Map<string, { inFlight: boolean; waiting: Waiter[] }>();
  private readonly budget: TimeoutPolicy;
  /** The stock breaker (Dapr's resiliency, in the sidecar) as the last answered call saw it. */
  private breaker: 'closed' | 'open' = 'closed';

  constructor(
    private readonly send: SendBatch,
    private readonly budgetMs: number,
    private readonly maxBatch = MAX_RESERVATIONS_PER_TURN,
  ) {
    this.budget = timeout(budgetMs, TimeoutStrategy.Aggressive);
  }

  /** For the metrics: the breaker's state as last seen, and how many books have calls waiting. */
  get observed(): { breaker: 'closed' | 'open'; booksWaiting: number } {
    return { breaker: this.breaker, booksWaiting: this.queues.size };
  }

  reserve(bookId: string, orderId: string, qty: number, deadlineMs?: number): Promise<Reservation> {
    // The caller's deadline shortens the budget: a waiter whose time is up is never sent. The
    // book is told to take nothing later than ANSWER_MARGIN_MS before it, so copies it takes
    // have the time to come back as an answer and be committed, rather than be held.
    const budgetMs = deadlineMs === undefined ? this.budgetMs : Math.min(this.budgetMs, deadlineMs - Date.now());
    if (budgetMs <= (deadlineMs === undefined ? 0 : ANSWER_MARGIN_MS)) return Promise.resolve(timedOut);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        request: { orderId, qty, ...(deadlineMs === undefined ? {} : { deadline: Math.floor(deadlineMs - ANSWER_MARGIN_MS) }) },
        settled: false,
        settle: (reservation) => {
          if (waiter.settled) return;
          waiter.settled = true;
          clearTimeout(timer);
          resolve(reservation);
        },
      };
      const timer = setTimeout(() => waiter.settle(timedOut), budgetMs);
      const queue = this.queues.get(bookId) ?? { inFlight: false, waiting: [] };
      this.queues.set(bookId, queue);
      queue.waiting.push(waiter);
      this.pump(bookId);
    });
  }

  /**
   * Sends the next batch. `after` is what the book said it had left when the last turn
   * ended: an order that waited through that turn and wants more than that is short of
   * stock at a moment within its own request, so it is answered out of stock without a
   * turn of its own (a burst for a sold-out book costs the book nothing more).
   */
  private pump(bookId: string, after?: StockLeft): void {
    const queue = this.queues.get(bookId);
    if (!queue || queue.inFlight) return;
    if (after) {
      for (const w of queue.waiting) if (w.request.qty > after.stock) w.settle({ kind: 'out-of-stock', unitPrice: after.unitPrice });
    }
    const batch = queue.waiting.splice(0, this.maxBatch).filter((w) => !w.settled);
    if (batch.length === 0) {
      if (queue.waiting.length === 0) this.queues.delete(bookId);
      else this.pump(bookId);
      return;
    }
    queue.inFlight = true;
    let left: StockLeft | undefined;
    this.budget
      .execute(({ signal }) =>
        resendWhileMoved(
          () =>
            this.send(
              bookId,
              batch.map((w) => w.request),
              signal,
            ),
          signal,
        ),
      )
      .then(
        (results) => {
          this.breaker = 'closed';
          batch.forEach((w, i) => w.settle(results[i] ? toReservation(results[i]!) : unavailable('no result')));
          left = stockLeft(results);
        },
        (error: unknown) => {
          if (isBreakerOpen(error)) this.breaker = 'open';
          batch.forEach((w) => w.settle(unavailable(error)));
        },
      )
      .finally(() => {
        queue.inFlight = false;
        this.pump(bookId, left);
      });
  }
}

/** Dapr's answer while the stock breaker is open: the call was refused in the sidecar. */
export const isBreakerOpen = (error: unknown): boolean => error instanceof SidecarError && /circuit breaker is open/i.test(error.message);

/** How long a call to a moved actor waits before it is sent again: the sidecars' new placement table is a few hundred ms away. */
export const MOVED_ACTOR_PAUSE_MS = 300;

/**
 * The book's sidecar refused the connection: the book's pod had gone (a rebalance, as a book
 * pod left), so the call never reached a book. It is sent again (twice at most, within the same budget), by
 * then to the pod the placement names now. Safe even if it had reached one: a reservation is
 * keyed by orderId (the same order again changes nothing and answers as the first time).
 */
export function isMovedActor(error: unknown): boolean {
  return error instanceof SidecarError && /connect: connection refused|did not find address for actor/i.test(error.message);
}

async function resendWhileMoved<T>(send: () => Promise<T>, signal: AbortSignal, pauseMs = MOVED_ACTOR_PAUSE_MS): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (attempt >= 3 || !isMovedActor(error) || signal.aborted) throw error;
      await new Promise((resolve) => setTimeout(resolve, pauseMs * attempt));
    }
  }
}

interface StockLeft {
  stock: number;
  unitPrice: number;
}

/** The stock a turn left, from its last answer that tells it (results are in turn order). */
function stockLeft(results: ReserveResult[]): StockLeft | undefined {
  for (let i = results.length - 1; i >= 0; i--) {
    const result = results[i]!;
    if ('stock' in result) return { stock: result.stock, unitPrice: result.unitPrice };
  }
  return undefined;
}

/** The batch call: `reserveMany` on the book's actor through Dapr actor invocation (resiliency applies there). */
export function reserveManyOnBookActor(sidecar: Sidecar): SendBatch {
  return async (bookId, reservations, signal) => {
    const request: ReserveManyRequest = { reservations };
    const answer = await sidecar.invokeActor<ReserveManyResult>(BOOK_ACTOR_TYPE, bookId, BookActorMethods.reserveMany, request, { signal });
    return answer.results;
  };
}
