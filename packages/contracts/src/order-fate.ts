import { z } from 'zod';
import { idString } from '@bookstore/runtime/schema';

/**
 * The order service's internal route that a book holding copies asks what became of an
 * order (the saga's settlement), through Dapr service invocation; the gateway routes no
 * `/internal` path.
 */
export const ORDER_FATE_ROUTE = '/internal/orders/:orderId/fate';

export const orderFatePath = (orderId: string): string => `internal/orders/${encodeURIComponent(orderId)}/fate`;

/** Every fate the route answers (`Pending` and `Unknown`: what an older order service answered). */
export const ORDER_FATES = ['Ordered', 'OutOfStocked', 'OrderCancelled', 'Failed', 'Pending', 'Unknown'] as const;
export type OrderFate = (typeof ORDER_FATES)[number];

export const orderFateAnswer = z.object({ orderId: idString, fate: z.enum(ORDER_FATES) });
