import { Express } from 'express';
import {
  deliveryQuery,
  notFound,
  parseOrThrow,
  requireCaller,
  route,
} from '@bookstore/runtime';
import { findDeliveries } from '../../domain/find-deliveries';
import { DeliveryRepository } from '../../domain/ports';

export function deliveryRoutes(app: Express, deliveries: DeliveryRepository): void {
  app.get(
    '/deliveries',
    route(async (req, res) => {
      const caller = requireCaller(req, 'customer', 'admin');
      const { orderId } = parseOrThrow(deliveryQuery, req.query, 'query');
      const found = await findDeliveries(deliveries, caller, orderId);
      if (found === 'not-found') throw notFound('The delivery');
      // One delivery per order at most: a single page, never a next one.
      res.json({ items: found, nextCursor: null });
    }),
  );
}
