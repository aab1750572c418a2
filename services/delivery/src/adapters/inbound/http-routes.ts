import { Express } from 'express';
import { Callers, notFound, parseOrThrow, route } from '@bookstore/runtime';
import { deliveryQuery, IDENTITY } from '@bookstore/contracts';
import { findDeliveries } from '../../domain/find-deliveries';
import { DeliveryRepository } from '../../domain/ports';

/** The caller the gateway vouched for (the bookstore's identity headers and roles). */
const callers = new Callers(IDENTITY);

export function deliveryRoutes(app: Express, deliveries: DeliveryRepository): void {
  app.get(
    '/deliveries',
    route(async (req, res) => {
      const caller = callers.requireCaller(req, 'customer', 'admin');
      const { orderId } = parseOrThrow(deliveryQuery, req.query, 'query');
      const found = await findDeliveries(deliveries, caller, orderId);
      if (found === 'not-found') throw notFound('The delivery');
      // One delivery per order at most: a single page, never a next one.
      res.json({ items: found, nextCursor: null });
    }),
  );
}
