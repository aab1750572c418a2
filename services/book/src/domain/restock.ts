import { LIMITS } from '@bookstore/contracts';
import { Book } from './book';

/** A restock that happened: how many copies it added and the stock it left. */
export interface Restock {
  restockId: string;
  qty: number;
  stockAfter: number;
}

export type RestockOutcome =
  | { kind: 'restocked'; book: Book; restock: Restock }
  | { kind: 'already-restocked'; book: Book; restock: Restock }
  | { kind: 'conflict' }
  /** The stock would pass its bound (LIMITS.maxStock): nothing added. */
  | { kind: 'stock-limit' };

/**
 * Adds `qty` copies, keyed by `restockId`: the same restock again adds nothing and answers
 * the book as the first one left it (a retried restock answers as the first did). The same
 * id with another qty is a different request under a reused id: refused.
 */
export function restock(book: Book, existing: Restock | undefined, restockId: string, qty: number): RestockOutcome {
  if (existing) {
    return existing.qty === qty ? { kind: 'already-restocked', book: { ...book, stock: existing.stockAfter }, restock: existing } : { kind: 'conflict' };
  }
  const stockAfter = book.stock + qty;
  if (stockAfter > LIMITS.maxStock) return { kind: 'stock-limit' };
  return { kind: 'restocked', book: { ...book, stock: stockAfter }, restock: { restockId, qty, stockAfter } };
}
