import { Express } from 'express';
import { idField, parseOrThrow, problem, ProblemError, route } from '@bookstore/runtime';
import { myPageOf } from '../../domain/my-page';
import { MyPageStore } from '../../domain/ports';

export function customerCenterRoutes(app: Express, myPages: MyPageStore): void {
  app.get(
    '/myPages/:orderId',
    route(async (req, res) => {
      const orderId = parseOrThrow(idField, req.params.orderId, 'order id');
      const facts = await myPages.facts(orderId);
      const row = facts && myPageOf(facts);
      if (!row) throw new ProblemError(problem(404, 'my-page-not-found', `No MyPage row for order ${orderId} (yet).`));
      res.json(row);
    }),
  );
}
