import { OrderStatus } from './order';

/**
 * What became of an order, as a book holding copies for it asks. There is no record of a
 * placement under way: asking about an order that has no record yet fails it for good
 * (`Failed`, written first-write), so a placement still on its way can never commit after
 * the book was told to give its copies back. `Pending` and `Unknown` are kept in the
 * contract for books that still hear them from an older order service.
 */
export type OrderFate = OrderStatus | 'Failed' | 'Pending' | 'Unknown';
