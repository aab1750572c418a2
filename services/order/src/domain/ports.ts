import { Order } from './order';

/** What the stock holder answered to a reservation, or that it could not be asked. */
export type Reservation =
  | { kind: 'reserved'; unitPrice: number }
  | { kind: 'out-of-stock'; unitPrice: number }
  | { kind: 'book-not-found' }
  | { kind: 'unavailable'; reason: string };

export interface StockReservations {
  reserve(bookId: string, orderId: string, qty: number): Promise<Reservation>;
}

export interface OrderRepository {
  save(order: Order): Promise<void>;
  get(orderId: string): Promise<Order | undefined>;
}

export interface OrderEvents {
  ordered(order: Order): Promise<void>;
  outOfStocked(order: Order): Promise<void>;
}
