import { Express } from 'express';
import { Callers, idField, notFound, parseOrThrow, problem, ProblemError, route } from '@bookstore/runtime';
import { Caller, customerListQuery, IDENTITY, outOfStockQuery, pageOnlyQuery } from '@bookstore/contracts';
import { myPageOf } from '../../domain/my-page';
import { LiveUpdates } from './live-updates';
import { ReadModels } from './subscriptions';

/** The caller the gateway vouched for (the bookstore's identity headers and roles). */
const callers = new Callers(IDENTITY);

/**
 * Whose list a caller reads: a customer reads their own (naming someone else is 404, as for
 * any of their rows); an admin reads the customer named, or, where `everyone` allows, all.
 */
function listOwner(caller: Caller, requested: string | undefined, everyone: boolean): string | undefined {
  if (caller.role === 'customer') {
    if (requested !== undefined && requested !== caller.id) throw notFound('That customer');
    return caller.id;
  }
  if (requested === undefined && !everyone) {
    throw new ProblemError(problem(400, 'validation', 'An admin must name the customerId.', { errors: [{ path: 'customerId', message: 'required' }] }));
  }
  return requested;
}

export function customerCenterRoutes(app: Express, models: ReadModels, live: LiveUpdates): void {
  /** Customer: server-sent events of their own MyPage rows and notifications, as they change. */
  app.get('/updates', (req, res) => live.serve(callers.requireCaller(req, 'customer').id, req, res));

  /** Customer: own rows. Admin: `?customerId=` for one customer's, or everyone's without it. */
  app.get(
    '/myPages',
    route(async (req, res) => {
      const caller = callers.requireCaller(req, 'customer', 'admin');
      const { customerId, limit, cursor } = parseOrThrow(customerListQuery, req.query, 'query');
      res.json(await models.myPages.list(listOwner(caller, customerId, true), { limit, cursor }));
    }),
  );

  app.get(
    '/myPages/:orderId',
    route(async (req, res) => {
      const caller = callers.requireCaller(req, 'customer', 'admin');
      const orderId = parseOrThrow(idField, req.params.orderId, 'order id');
      const facts = await models.myPages.facts(orderId);
      const row = facts && myPageOf(facts);
      if (!row || !callers.mayRead(caller, row.customerId)) throw notFound(`The MyPage row of order ${orderId}`);
      res.json(row);
    }),
  );

  /** Customer: own. Admin: `?customerId=` is required (NewBooks are merged per customer). */
  app.get(
    '/notifications',
    route(async (req, res) => {
      const caller = callers.requireCaller(req, 'customer', 'admin');
      const { customerId, limit, cursor } = parseOrThrow(customerListQuery, req.query, 'query');
      const owner = listOwner(caller, customerId, false)!;
      const customer = await models.customers.get(owner);
      res.json(await models.notifications.list(customer, owner, { limit, cursor }));
    }),
  );

  app.get(
    '/marketingTargets',
    route(async (req, res) => {
      callers.requireCaller(req, 'admin');
      const { limit, cursor } = parseOrThrow(pageOnlyQuery, req.query, 'query');
      res.json(await models.customers.list({ limit, cursor }));
    }),
  );

  app.get(
    '/outOfStockOrders',
    route(async (req, res) => {
      callers.requireCaller(req, 'admin');
      const { bookId, limit, cursor } = parseOrThrow(outOfStockQuery, req.query, 'query');
      res.json(await models.outOfStock.list(bookId, { limit, cursor }));
    }),
  );
}
