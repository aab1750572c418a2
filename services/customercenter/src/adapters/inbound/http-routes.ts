import { Express } from 'express';
import { Callers, idField, notFound, parseOrThrow, problem, ProblemError, route } from '@bookstore/runtime';
import { customerListQuery, IDENTITY, outOfStockQuery, pageOnlyQuery } from '@bookstore/contracts';
import { findMyPage, listMyPages } from '../../domain/find-my-pages';
import { findNotifications } from '../../domain/find-notifications';
import { LiveUpdates } from './live-updates';
import { ReadModels } from './subscriptions';

/** The caller the gateway vouched for (the bookstore's identity headers and roles). */
const callers = new Callers(IDENTITY);

/** The domain's answers that are no page, as the API's problems. */
function answered<T>(result: T | 'not-found' | 'name-required', what: string): T {
  if (result === 'not-found') throw notFound(what);
  if (result === 'name-required') {
    throw new ProblemError(problem(400, 'validation', 'An admin must name the customerId.', { errors: [{ path: 'customerId', message: 'required' }] }));
  }
  return result;
}

export function customerCenterRoutes(app: Express, models: ReadModels, live: LiveUpdates): void {
  /** Customer: server-sent events of their own MyPage rows and notifications, as they change. */
  app.get('/updates', (req, res) => live.serve(callers.requireCaller(req, 'customer').id, req, res));

  app.get(
    '/myPages',
    route(async (req, res) => {
      const caller = callers.requireCaller(req, 'customer', 'admin');
      const { customerId, limit, cursor } = parseOrThrow(customerListQuery, req.query, 'query');
      res.json(answered(await listMyPages(models.myPages, caller, customerId, { limit, cursor }), 'That customer'));
    }),
  );

  app.get(
    '/myPages/:orderId',
    route(async (req, res) => {
      const caller = callers.requireCaller(req, 'customer', 'admin');
      const orderId = parseOrThrow(idField, req.params.orderId, 'order id');
      res.json(answered(await findMyPage(models.myPages, caller, orderId), `The MyPage row of order ${orderId}`));
    }),
  );

  app.get(
    '/notifications',
    route(async (req, res) => {
      const caller = callers.requireCaller(req, 'customer', 'admin');
      const { customerId, limit, cursor } = parseOrThrow(customerListQuery, req.query, 'query');
      res.json(answered(await findNotifications(models, caller, customerId, { limit, cursor }), 'That customer'));
    }),
  );

  /** Admin: every customer, newest registration first. */
  app.get(
    '/marketingTargets',
    route(async (req, res) => {
      callers.requireCaller(req, 'admin');
      const { limit, cursor } = parseOrThrow(pageOnlyQuery, req.query, 'query');
      res.json(await models.customers.list({ limit, cursor }));
    }),
  );

  /** Admin: out-of-stock orders, of one book or all. */
  app.get(
    '/outOfStockOrders',
    route(async (req, res) => {
      callers.requireCaller(req, 'admin');
      const { bookId, limit, cursor } = parseOrThrow(outOfStockQuery, req.query, 'query');
      res.json(await models.outOfStock.list(bookId, { limit, cursor }));
    }),
  );
}
