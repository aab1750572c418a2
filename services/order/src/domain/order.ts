export type OrderStatus = 'Ordered' | 'OutOfStocked' | 'OrderCancelled';

export interface Order {
  orderId: string;
  bookId: string;
  customerId: string;
  qty: number;
  /** Unit price × qty, in won, fixed when the order is placed. */
  price: number;
  status: OrderStatus;
  orderedAt: string;
}

export interface OrderRequest {
  orderId: string;
  bookId: string;
  customerId: string;
  qty: number;
  orderedAt: string;
}

export function orderedOrder(request: OrderRequest, unitPrice: number): Order {
  return { ...request, price: unitPrice * request.qty, status: 'Ordered' };
}

/** An order refused for lack of stock is still recorded, so its customer can be told of a restock. */
export function outOfStockOrder(request: OrderRequest, unitPrice: number): Order {
  return { ...request, price: unitPrice * request.qty, status: 'OutOfStocked' };
}
