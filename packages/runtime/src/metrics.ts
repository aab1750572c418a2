import { RequestHandler } from 'express';
import { createServer, Server } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * An app's Prometheus metrics (prom-client), beside its sidecar's own: requests by route
 * and status with their latency, events handled by topic and outcome, the process's CPU,
 * memory and event-loop lag, and what a service adds (`gauge`). They are served on a port
 * of their own (METRICS_PORT), never on the app's: the gateway's app port is the public one,
 * and the others answer only their sidecar.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly latency: Histogram<'method' | 'route'>;
  private readonly events: Counter<'topic' | 'outcome'>;

  /** `prefix` starts every figure's name (`<prefix>_http_requests_total`): the app's own namespace. */
  constructor(
    service: string,
    private readonly prefix: string,
  ) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: `${prefix}_http_requests_total`,
      help: 'HTTP requests answered, by route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.latency = new Histogram({
      name: `${prefix}_http_request_duration_seconds`,
      help: 'Time to answer an HTTP request, by route',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    this.events = new Counter({
      name: `${prefix}_events_handled_total`,
      help: 'Pub/sub events handled, by topic and outcome (SUCCESS, RETRY, DROP)',
      labelNames: ['topic', 'outcome'],
      registers: [this.registry],
    });
  }

  /** Counts each answer under its route's pattern (`/orders/:orderId`), never the raw path: one series per route, not per id. */
  middleware(): RequestHandler {
    return (req, res, next) => {
      const started = process.hrtime.bigint();
      res.on('finish', () => {
        const route = (res.locals.route as string | undefined) ?? (req.route as { path?: string } | undefined)?.path ?? 'other';
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        this.requests.inc({ method: req.method, route, status: String(res.statusCode) });
        this.latency.observe({ method: req.method, route }, seconds);
      });
      next();
    };
  }

  eventHandled(topic: string, outcome: string, count = 1): void {
    this.events.inc({ topic, outcome }, count);
  }

  /** A figure read when Prometheus scrapes (an outbox's depth): `read` answers it, by label values. */
  gauge<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    read: () => Promise<Array<{ labels: Record<L, string>; value: number }>>,
  ): void {
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const { labels, value } of await read().catch(() => [])) this.set(labels as never, value);
      },
    });
  }

  /**
   * The app's own figures (`<prefix>_*`, histogram buckets included) and the process's CPU
   * and memory, as JSON samples: what `GET /ops/status` gives the gateway's admin view
   * (totals; a reader takes rates between two of them).
   */
  async figures(): Promise<Array<{ name: string; labels: Record<string, string | number>; value: number }>> {
    const wanted = (name: string) => name.startsWith(`${this.prefix}_`) || name === 'process_cpu_seconds_total' || name === 'process_resident_memory_bytes';
    const all = await this.registry.getMetricsAsJSON();
    return all
      .filter((metric) => wanted(metric.name))
      .flatMap((metric) =>
        metric.values.map((v) => ({
          name: (v as { metricName?: string }).metricName ?? metric.name,
          labels: v.labels as Record<string, string | number>,
          value: v.value,
        })),
      );
  }

  /** Serves `GET /metrics` (and nothing else) on its own port. */
  async serve(host: string, port: number): Promise<Server> {
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || req.url !== '/metrics') {
        res.writeHead(404).end();
        return;
      }
      this.registry.metrics().then(
        (text) => res.writeHead(200, { 'Content-Type': this.registry.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port, host }, () => resolve());
    });
    return server;
  }
}
