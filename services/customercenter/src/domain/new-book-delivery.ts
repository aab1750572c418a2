import { seesNewBook } from './notifications';

/**
 * Who hands a NewBook notification to the binding, so that every (book, customer) pair is
 * delivered by exactly one job whatever order BookRegistered and CustomerRegistered arrive in.
 * The read side stamps each customer and each announcement with a number from one counter as
 * it learns of it. The book's fan-out covers the customers learned before the book; a
 * customer learned after the book catches up on it. (Delivery itself is at least once: a
 * job retried after a failure may send a batch again.)
 */
export interface Learned {
  registeredAt: string;
  /** When the read side learned of it, from a counter shared by customers and books. */
  seq: number;
}

/** The book's fan-out delivers to this customer. */
export function fanOutReaches(customer: Learned, book: Learned): boolean {
  return seesNewBook(customer.registeredAt, book.registeredAt) && customer.seq < book.seq;
}

/** The customer's catch-up delivers this book. */
export function catchUpReaches(customer: Learned, book: Learned): boolean {
  return seesNewBook(customer.registeredAt, book.registeredAt) && book.seq < customer.seq;
}
