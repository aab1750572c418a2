import express from 'express';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { ServiceMetrics } from '../src/metrics';

describe('ServiceMetrics', () => {
  it('when requests are answered, then each is counted under its route pattern and status, never its raw path', async () => {
    const metrics = new ServiceMetrics('test', 'bookstore');
    const app = express();
    app.use(metrics.middleware());
    app.get('/orders/:orderId', (_req, res) => void res.json({}));
    await request(app).get('/orders/o-1');
    await request(app).get('/orders/o-2');
    await request(app).get('/nowhere');
    const text = await metrics.registry.metrics();
    expect(text).toContain('bookstore_http_requests_total{method="GET",route="/orders/:orderId",status="200",service="test"} 2');
    expect(text).toContain('bookstore_http_requests_total{method="GET",route="other",status="404",service="test"} 1');
    expect(text).not.toContain('o-1');
    expect(text).toContain('bookstore_http_request_duration_seconds_count{service="test",method="GET",route="/orders/:orderId"} 2');
  });

  it('when events are handled and a gauge is read, then both show, with the default process metrics', async () => {
    const metrics = new ServiceMetrics('test', 'bookstore');
    metrics.eventHandled('Ordered', 'SUCCESS', 3);
    metrics.eventHandled('Ordered', 'RETRY');
    metrics.gauge('bookstore_outbox_depth', 'Events not yet published', ['store'], async () => [{ labels: { store: 'orders' }, value: 7 }]);
    const text = await metrics.registry.metrics();
    expect(text).toContain('bookstore_events_handled_total{topic="Ordered",outcome="SUCCESS",service="test"} 3');
    expect(text).toContain('bookstore_events_handled_total{topic="Ordered",outcome="RETRY",service="test"} 1');
    expect(text).toContain('bookstore_outbox_depth{store="orders",service="test"} 7');
    expect(text).toContain('process_cpu_seconds_total');
  });

  it('when a gauge cannot be read, then the scrape still answers, without it', async () => {
    const metrics = new ServiceMetrics('test', 'bookstore');
    metrics.gauge('bookstore_broken', 'A figure whose source is down', [], async () => Promise.reject(new Error('down')));
    await expect(metrics.registry.metrics()).resolves.toContain('process_cpu_seconds_total');
  });

  it('when served, then GET /metrics answers the text format, and any other request 404', async () => {
    const metrics = new ServiceMetrics('test', 'bookstore');
    const server = await metrics.serve('127.0.0.1', 0);
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const scraped = await fetch(`${url}/metrics`);
      expect(scraped.status).toBe(200);
      expect(scraped.headers.get('content-type')).toContain('text/plain');
      expect(await scraped.text()).toContain('bookstore_http_requests_total');
      expect((await fetch(`${url}/`)).status).toBe(404);
      expect((await fetch(`${url}/metrics`, { method: 'POST' })).status).toBe(404);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
