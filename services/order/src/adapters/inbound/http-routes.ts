import { Express, Request } from 'express';
import { idField, intField, jsonBody, newId, parseOrThrow, problem, ProblemError, route, z } from '@bookstore/runtime';
import { placeOrder, PlaceOrderDeps } from '../../domain/place-order';

const placeOrderSchema = z.object({
  bookId: idField,
  qty: intField({ min: 1, max: 100 }),
  customerId: idField,
});

export interface OrderRoutesDeps extends PlaceOrderDeps {
  retryAfterSeconds: number;
}

/**
 * Who is calling. Until the gateway verifies tokens (next issue) the customer is the one
 * the body names; this is the one place that changes when it does.
 */
function callerCustomerId(req: Request, bodyCustomerId: string): string {
  return bodyCustomerId;
}

export function orderRoutes(app: Express, deps: OrderRoutesDeps): void {
  app.post(
    '/orders',
    jsonBody(),
    route(async (req, res) => {
      const input = parseOrThrow(placeOrderSchema, req.body);
      const result = await placeOrder(deps, {
        orderId: newId(),
        bookId: input.bookId,
        customerId: callerCustomerId(req, input.customerId),
        qty: input.qty,
        orderedAt: new Date().toISOString(),
      });
      switch (result.kind) {
        case 'ordered':
          res.status(201).json(result.order);
          return;
        case 'out-of-stock':
          throw new ProblemError(
            problem(409, 'out-of-stock', `Fewer than ${input.qty} copies of book ${input.bookId} are in stock; the order is recorded as OutOfStocked.`, {
              orderId: result.order.orderId,
              status: result.order.status,
            }),
            {},
            409,
          );
        case 'book-not-found':
          throw new ProblemError(problem(404, 'book-not-found', `There is no book ${input.bookId}.`));
        case 'stock-unavailable':
          throw new ProblemError(
            problem(503, 'stock-unavailable', 'The stock service is not answering; no order was placed. Try again shortly.'),
            { 'Retry-After': String(deps.retryAfterSeconds) },
          );
      }
    }),
  );

  app.get(
    '/orders/:orderId',
    route(async (req, res) => {
      const orderId = parseOrThrow(idField, req.params.orderId, 'order id');
      const order = await deps.orders.get(orderId);
      if (!order) throw new ProblemError(problem(404, 'order-not-found', `There is no order ${orderId}.`));
      res.json(order);
    }),
  );
}
