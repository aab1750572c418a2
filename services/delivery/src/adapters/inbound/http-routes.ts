import { Express } from 'express';
import { idField, parseOrThrow, route, z } from '@bookstore/runtime';
import { DeliveryRepository } from '../../domain/ports';

const querySchema = z.object({ orderId: idField });

export function deliveryRoutes(app: Express, deliveries: DeliveryRepository): void {
  app.get(
    '/deliveries',
    route(async (req, res) => {
      const { orderId } = parseOrThrow(querySchema, req.query, 'query');
      const delivery = await deliveries.get(orderId);
      res.json({ items: delivery ? [delivery] : [], nextCursor: null });
    }),
  );
}
