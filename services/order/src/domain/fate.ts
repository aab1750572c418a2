import type { OrderFate as ContractFate } from '@bookstore/contracts';
import { OrderStatus } from './order';

/**
 * What became of an order, as a book holding copies for it asks. There is no record of a
 * placement under way: asking about an order that has no record yet fails it for good
 * (`Failed`, written first-write), so a placement still on its way can never commit after
 * the book was told to give its copies back. (The book still understands `Pending` and
 * `Unknown`, which an older order service answered.)
 */
export type OrderFate = Extract<ContractFate, OrderStatus | 'Failed'>;
