import { TaskCancelledError, timeout, TimeoutPolicy, TimeoutStrategy } from 'cockatiel';
import { BOOK_ACTOR_TYPE, BookActorMethods, ReserveRequest, ReserveResult, Sidecar, SidecarError } from '@bookstore/runtime';
import { Reservation, StockReservations } from '../../domain/ports';

/**
 * Reserves stock on the book's actor through Dapr actor invocation. The sidecar's resiliency
 * policy (dapr-config/resources/resiliency.yaml) times the call out at 3 s and breaks the
 * circuit after 5 failures; here, the app's half: a hard budget for the whole call (cockatiel,
 * aborting the request), and every failure read as "the stock service is unavailable".
 */
export class BookActorStock implements StockReservations {
  private readonly budget: TimeoutPolicy;

  constructor(
    private readonly sidecar: Sidecar,
    budgetMs: number,
  ) {
    this.budget = timeout(budgetMs, TimeoutStrategy.Aggressive);
  }

  async reserve(bookId: string, orderId: string, qty: number): Promise<Reservation> {
    const request: ReserveRequest = { orderId, qty };
    let result: ReserveResult;
    try {
      result = await this.budget.execute(({ signal }) =>
        this.sidecar.invokeActor<ReserveResult>(BOOK_ACTOR_TYPE, bookId, BookActorMethods.reserve, request, { signal }),
      );
    } catch (error) {
      if (error instanceof SidecarError) return { kind: 'unavailable', reason: `${error.code}: ${error.message}` };
      if (error instanceof TaskCancelledError) return { kind: 'unavailable', reason: 'TIMEOUT: the stock call ran out of its budget' };
      throw error;
    }
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
    }
  }
}
