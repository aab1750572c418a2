/** A book in the catalog with its stock. Stock never goes below zero. */
export interface Book {
  bookId: string;
  title: string;
  author: string;
  price: number;
  stock: number;
  registeredAt: string;
}

/** Stock taken for one order; keyed by orderId so a retried reservation takes stock once. */
export interface Reservation {
  orderId: string;
  qty: number;
  unitPrice: number;
}

export type ReserveOutcome =
  | { kind: 'reserved'; book: Book; reservation: Reservation }
  | { kind: 'already-reserved'; reservation: Reservation }
  | { kind: 'out-of-stock'; book: Book };

/**
 * Takes `qty` copies for `orderId`. The same orderId again changes nothing and answers as
 * the first time did, so a caller may retry a reservation whose answer it lost.
 */
export function reserve(book: Book, existing: Reservation | undefined, orderId: string, qty: number): ReserveOutcome {
  if (existing) return { kind: 'already-reserved', reservation: existing };
  if (qty > book.stock) return { kind: 'out-of-stock', book };
  return {
    kind: 'reserved',
    book: { ...book, stock: book.stock - qty },
    reservation: { orderId, qty, unitPrice: book.price },
  };
}
