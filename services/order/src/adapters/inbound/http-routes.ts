import { Express } from 'express';
import {
  Admission,
  admissionControl,
  Callers,
  deadlineOf,
  fingerprint,
  idempotencyKeyOf,
  idField,
  jsonBody,
  Logger,
  notFound,
  overloaded,
  parseOrThrow,
  problem,
  ProblemError,
  route,
} from '@bookstore/runtime';
import { customerListQuery, IDENTITY, ORDER_FATE_ROUTE, placeOrderBody } from '@bookstore/contracts';
import { cancelOrder, CancelOrderDeps } from '../../domain/cancel-order';
import { getOrder } from '../../domain/get-order';
import { listOrders } from '../../domain/list-orders';
import { placeOrder, PlaceOrderDeps, PlaceOrderResult } from '../../domain/place-order';

/** The caller the gateway vouched for (the bookstore's identity headers and roles). */
const callers = new Callers(IDENTITY);

export interface OrderRoutesDeps extends PlaceOrderDeps, CancelOrderDeps {
  retryAfterSeconds: number;
  /** Past capacity the public routes answer 503 at once; the books' internal question is never queued. */
  admission: Admission;
  log: Logger;
}

/** The answer to a placement, the same for a first answer and its replay. */
function answer(result: PlaceOrderResult, retryAfterSeconds: number): { status: number; body: unknown; headers?: Record<string, string> } {
  switch (result.kind) {
    case 'ordered':
      return { status: 201, body: result.order, ...(result.replayed ? { headers: { 'Idempotent-Replayed': 'true' } } : {}) };
    case 'out-of-stock':
      throw new ProblemError(
        problem(
          409,
          'out-of-stock',
          `Fewer than ${result.order.qty} copies of book ${result.order.bookId} are in stock; the order is recorded as OutOfStocked.`,
          {
            orderId: result.order.orderId,
            status: result.order.status,
          },
        ),
        result.replayed ? { 'Idempotent-Replayed': 'true' } : {},
        409,
      );
    case 'book-not-found':
      throw new ProblemError(problem(404, 'book-not-found', 'There is no such book.'));
    case 'stock-unavailable':
      throw new ProblemError(problem(503, 'stock-unavailable', 'The stock service is not answering; no order was placed. Try again shortly.'), {
        'Retry-After': String(retryAfterSeconds),
      });
    case 'key-reused':
      throw new ProblemError(problem(422, 'idempotency-key-reused', 'This Idempotency-Key was already used with a different request body.'));
    case 'caller-gone':
      throw overloaded(retryAfterSeconds);
    case 'key-in-use':
      throw new ProblemError(problem(409, 'idempotency-key-in-use', 'A request with this Idempotency-Key is still being answered. Retry it shortly.'), {
        'Retry-After': '1',
      });
  }
}

export function orderRoutes(app: Express, deps: OrderRoutesDeps): void {
  // Internal (the gateway routes no /internal path): books holding copies ask what became of
  // an order, to keep or give back what they hold (the saga's settlement). Asking about an
  // order with no record fails it for good (OrderFate): idempotent, not read-only. Never
  // queued behind the public routes: a settlement gives copies back to waiting buyers.
  app.get(
    ORDER_FATE_ROUTE,
    route(async (req, res) => {
      const orderId = parseOrThrow(idField, req.params.orderId, 'order id');
      res.json({ orderId, fate: await deps.orders.fate(orderId) });
    }),
  );

  app.use(admissionControl(deps.admission, deps.retryAfterSeconds, deadlineOf));

  app.post(
    '/orders',
    jsonBody(),
    route(async (req, res) => {
      const caller = callers.requireCaller(req, 'customer');
      const input = parseOrThrow(placeOrderBody, req.body);
      const customerId = callers.actingFor(caller, input.customerId, 'customerId');
      const key = idempotencyKeyOf(req);
      const deadlineMs = deadlineOf(req);
      const result = await placeOrder(deps, {
        ...(deadlineMs === undefined ? {} : { deadlineMs }),
        bookId: input.bookId,
        customerId,
        qty: input.qty,
        // What the request asks for; customerId is the caller's by now, and part of the key's scope.
        ...(key ? { idempotency: { key, fingerprint: fingerprint({ bookId: input.bookId, qty: input.qty }) } } : {}),
      });
      // Debug only: under overload every refused order would log.
      if (result.kind === 'stock-unavailable') deps.log.warn('no order placed: stock unavailable', { reason: result.reason });
      const { status, body, headers } = answer(result, deps.retryAfterSeconds);
      res
        .status(status)
        .set(headers ?? {})
        .json(body);
    }),
  );

  app.get(
    '/orders',
    route(async (req, res) => {
      const caller = callers.requireCaller(req, 'customer', 'admin');
      const query = parseOrThrow(customerListQuery, req.query, 'query');
      const result = await listOrders(deps.orders, caller, query);
      if (result.kind === 'not-visible') throw notFound("That customer's orders");
      if (result.kind === 'bad-cursor') {
        throw new ProblemError(
          problem(400, 'validation', 'The cursor is not valid.', { errors: [{ path: 'cursor', message: 'not a cursor this list gave' }] }),
        );
      }
      res.json(result.page);
    }),
  );

  app.get(
    '/orders/:orderId',
    route(async (req, res) => {
      const caller = callers.requireCaller(req, 'customer', 'admin');
      const orderId = parseOrThrow(idField, req.params.orderId, 'order id');
      const order = await getOrder(deps.orders, caller, orderId);
      if (!order) throw notFound('The order');
      res.json(order);
    }),
  );

  app.post(
    '/orders/:orderId/cancel',
    route(async (req, res) => {
      const caller = callers.requireCaller(req, 'customer', 'admin');
      const orderId = parseOrThrow(idField, req.params.orderId, 'order id');
      const result = await cancelOrder(deps, caller, orderId);
      switch (result.kind) {
        case 'cancelled':
          res.json(result.order);
          return;
        case 'not-found':
          throw notFound('The order');
        case 'not-cancellable':
          throw new ProblemError(
            problem(409, 'order-not-cancellable', `The order is ${result.order.status}: it took no stock, so there is nothing to cancel.`, {
              orderId: result.order.orderId,
              orderStatus: result.order.status,
            }),
          );
      }
    }),
  );
}
