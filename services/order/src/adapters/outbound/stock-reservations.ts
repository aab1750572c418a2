import { BOOK_ACTOR_TYPE, BookActorMethods, ReserveRequest, ReserveResult, Sidecar, SidecarError } from '@bookstore/runtime';
import { Reservation, StockReservations } from '../../domain/ports';

/** Reserves stock on the book's actor through Dapr actor invocation (resiliency applies there). */
export class BookActorStock implements StockReservations {
  constructor(
    private readonly sidecar: Sidecar,
    private readonly timeoutMs: number,
  ) {}

  async reserve(bookId: string, orderId: string, qty: number): Promise<Reservation> {
    const request: ReserveRequest = { orderId, qty };
    let result: ReserveResult;
    try {
      result = await this.sidecar.invokeActor<ReserveResult>(BOOK_ACTOR_TYPE, bookId, BookActorMethods.reserve, request, this.timeoutMs);
    } catch (error) {
      if (error instanceof SidecarError) return { kind: 'unavailable', reason: `${error.code}: ${error.message}` };
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
