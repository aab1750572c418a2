import { appFigures, latencyQuantile, Sample } from '../src/status-figures';

const series = (name: string, value: number, labels: Record<string, string> = {}): Sample => ({ name, labels: { service: 'order', ...labels }, value });
const scrape = (requests: number, errors: number, fastBucket: number, total: number, cpu: number): Sample[] => [
  series('bookstore_http_requests_total', requests, { method: 'POST', route: '/orders', status: '201' }),
  series('bookstore_http_requests_total', errors, { method: 'POST', route: '/orders', status: '503' }),
  series('bookstore_http_requests_total', requests * 10, { method: 'GET', route: '/healthz', status: '200' }),
  series('bookstore_http_request_duration_seconds_bucket', fastBucket, { le: '0.01', method: 'POST', route: '/orders' }),
  series('bookstore_http_request_duration_seconds_bucket', total, { le: '0.1', method: 'POST', route: '/orders' }),
  series('bookstore_http_request_duration_seconds_bucket', total, { le: '+Inf', method: 'POST', route: '/orders' }),
  series('bookstore_events_handled_total', requests, { topic: 'Ordered', outcome: 'SUCCESS' }),
  series('process_cpu_seconds_total', cpu),
  series('process_resident_memory_bytes', 52_000_000),
];

describe('the status figures', () => {
  it('when two scrapes 2 s apart are compared, then rates leave out health probes and count 5xx as errors', () => {
    const f = appFigures(scrape(100, 0, 100, 100, 1), scrape(300, 10, 260, 310, 2), 2);
    expect(f.requestsPerSecond).toBe(105); // (200 + 10) / 2, the probes not counted
    expect(f.errorsPerSecond).toBe(5);
    expect(f.eventsPerSecond).toBe(100);
    expect(f.cpuPercent).toBeCloseTo(50);
    expect(f.rssMb).toBe(52);
  });

  it('when 160 of 210 new requests took under 10 ms and the rest under 100 ms, then p99 is the 100 ms bucket; p50 the 10 ms one', () => {
    const before = scrape(100, 0, 100, 100, 1);
    const after = scrape(300, 10, 260, 310, 2);
    expect(latencyQuantile(before, after, 0.99)).toBe(100);
    expect(latencyQuantile(before, after, 0.5)).toBe(10);
    expect(latencyQuantile(after, after, 0.99)).toBeUndefined();
  });
});
