import { Express, Router } from 'express';
import { hostname } from 'node:os';
import { route, ServiceMetrics, TokenVerifier } from '@bookstore/runtime';
import { APPS, Role } from '@bookstore/contracts';
import { UPSTREAMS } from '../../domain/routing';
import type { EventStreams } from '../outbound/event-streams';
import type { Upstreams } from '../outbound/upstream';
import { requireRole } from './authentication';

export interface AdminStatusDeps {
  tokens: TokenVerifier<Role>;
  upstreams: Upstreams;
  streams: EventStreams;
  /** The gateway's own figures. */
  metrics: ServiceMetrics;
}

/**
 * `GET /admin/status` (admin): each service's readiness and figures (its `/ops/status`,
 * through its sidecar: one instance of it, named), the subscribers' lag per topic and the
 * dead letters. Totals: the admin page and `npm run status` take rates between two answers
 * from the same instance (with replicas, Prometheus scrapes each pod's metrics port).
 */
export function adminStatus(app: Express, { tokens, upstreams, streams, metrics }: AdminStatusDeps): void {
  const router = Router({ caseSensitive: true, strict: true });
  router.get(
    '/admin/status',
    route(async (req, res) => {
      await requireRole(req, tokens, ['admin']);
      const [services, lags, deadLetters, own] = await Promise.all([
        Promise.all(UPSTREAMS.map((name) => upstreams.opsStatus(name))),
        streams.lags(),
        streams.deadLetters(UPSTREAMS),
        metrics.figures(),
      ]);
      res.json({
        at: new Date().toISOString(),
        services: [{ name: APPS.gateway, instance: hostname(), ready: true, figures: own }, ...services],
        lags,
        deadLetters,
      });
    }),
  );
  app.use(router);
}
