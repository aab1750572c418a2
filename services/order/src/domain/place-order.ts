import { Order, OrderRequest, orderedOrder, outOfStockOrder } from './order';
import { OrderEvents, OrderRepository, StockReservations } from './ports';

export type PlaceOrderResult =
  | { kind: 'ordered'; order: Order }
  | { kind: 'out-of-stock'; order: Order }
  | { kind: 'book-not-found' }
  | { kind: 'stock-unavailable'; reason: string };

export interface PlaceOrderDeps {
  stock: StockReservations;
  orders: OrderRepository;
  events: OrderEvents;
}

/**
 * Places an order: stock is reserved synchronously on the book (the one synchronous step);
 * the order is recorded and its event published only once the stock answer is known.
 */
export async function placeOrder(deps: PlaceOrderDeps, request: OrderRequest): Promise<PlaceOrderResult> {
  const reservation = await deps.stock.reserve(request.bookId, request.orderId, request.qty);
  switch (reservation.kind) {
    case 'unavailable':
      return { kind: 'stock-unavailable', reason: reservation.reason };
    case 'book-not-found':
      return { kind: 'book-not-found' };
    case 'out-of-stock': {
      const order = outOfStockOrder(request, reservation.unitPrice);
      await deps.orders.save(order);
      await deps.events.outOfStocked(order);
      return { kind: 'out-of-stock', order };
    }
    case 'reserved': {
      const order = orderedOrder(request, reservation.unitPrice);
      await deps.orders.save(order);
      await deps.events.ordered(order);
      return { kind: 'ordered', order };
    }
  }
}
