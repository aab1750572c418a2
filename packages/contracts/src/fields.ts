// The bookstore's bounds, shared by actor bodies, event contracts and HTTP inputs. Pure: a domain may import them.

/**
 * The bounds every amount in the shop stays within, chosen so that no sum or product the
 * shop computes can leave the safe integers: price × qty ≤ 1e9 × 100 = 1e11, and a stock
 * plus a restock stays below 2e9.
 */
export const LIMITS = {
  /** A book's unit price, in won. */
  maxPrice: 1_000_000_000,
  /** Copies of one book in one order. */
  maxQty: 100,
  /** Copies of one book in stock. */
  maxStock: 1_000_000_000,
  /** Copies one restock adds. */
  maxRestock: 1_000_000,
} as const;

/** The longest names and titles, in characters. */
export const TEXT_MAX = { title: 200, author: 200, name: 100 } as const;
