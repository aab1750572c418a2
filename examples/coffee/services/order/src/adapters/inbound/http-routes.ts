import { parseOrThrow, problem, ProblemError, route } from '@bookstore/runtime';
import type { Express } from 'express';
import { OrderIdParam, PlaceOrderBody } from '@coffee/contracts';
import { cancelOrder, orderStatus, placeOrder, type OrderDeps } from '../../domain/order-use-cases';
import { OrderError } from '../../domain/ports';

function toProblem(error: unknown, retryAfterSeconds: number): unknown {
  if (!(error instanceof OrderError)) return error;
  if (error.code === 'PAYMENT_UNAVAILABLE')
    return new ProblemError(problem(503, 'payment-unavailable', 'Payment is unavailable; no order was placed.'), { 'Retry-After': String(retryAfterSeconds) });
  if (error.code === 'PAYMENT_REFUSED') return new ProblemError(problem(409, 'payment-refused', 'Payment refused this order.'));
  return new ProblemError(problem(404, 'order-not-found', 'No such order.'));
}

/** POST /orders, POST /orders/:id/cancel, GET /orders/:id: parse, call one use case, map the result. */
export function orderRoutes(app: Express, deps: OrderDeps, retryAfterSeconds: number): void {
  const guard = async <T>(work: () => Promise<T>): Promise<T> => work().catch((error: unknown) => Promise.reject(toProblem(error, retryAfterSeconds)));
  app.post(
    '/orders',
    route(async (req, res) => {
      const body = parseOrThrow(PlaceOrderBody, req.body);
      res.status(201).json(await guard(() => placeOrder(deps, body)));
    }),
  );
  app.post(
    '/orders/:id/cancel',
    route(async (req, res) => {
      const { id } = parseOrThrow(OrderIdParam, req.params, 'path');
      await guard(() => cancelOrder(deps, id));
      res.status(202).json({ orderId: id });
    }),
  );
  app.get(
    '/orders/:id',
    route(async (req, res) => {
      const { id } = parseOrThrow(OrderIdParam, req.params, 'path');
      res.json({ orderId: id, status: await guard(() => orderStatus(deps, id)) });
    }),
  );
}
