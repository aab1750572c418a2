/**
 * The rates `npm run status` shows, from two of the gateway's admin answers a moment apart
 * (each service's metric totals): pure functions, tested on their own.
 */

/** One metric series' value, as a service's `/ops/status` gives it (ServiceMetrics.figures). */
export interface Sample {
  name: string;
  labels: Record<string, string | number>;
  value: number;
}

const sum = (samples: Sample[], name: string, where: (labels: Record<string, string | number>) => boolean = () => true): number =>
  samples.filter((s) => s.name === name && where(s.labels)).reduce((total, s) => total + s.value, 0);

/** The latency under which `quantile` of the requests between two scrapes fell (an upper bucket bound), in ms. */
/** Routes that are the machinery's, not the shop's: probes and the admin view's own calls. */
const PROBES = ['/healthz', '/readyz', '/ops/status'];
const served = (labels: Record<string, string | number>): boolean => !PROBES.includes(String(labels.route ?? ''));

export function latencyQuantile(before: Sample[], after: Sample[], quantile: number): number | undefined {
  const buckets = new Map<number, number>();
  const bucketsOf = (samples: Sample[]) => samples.filter((x) => x.name === 'bookstore_http_request_duration_seconds_bucket' && served(x.labels));
  for (const s of bucketsOf(after)) {
    const le = s.labels.le === '+Inf' ? Infinity : Number(s.labels.le);
    buckets.set(le, (buckets.get(le) ?? 0) + s.value);
  }
  for (const s of bucketsOf(before)) {
    const le = s.labels.le === '+Inf' ? Infinity : Number(s.labels.le);
    buckets.set(le, (buckets.get(le) ?? 0) - s.value);
  }
  const sorted = [...buckets].sort(([a], [b]) => a - b);
  const total = sorted.at(-1)?.[1] ?? 0;
  if (total <= 0) return undefined;
  const bound = sorted.find(([, count]) => count >= quantile * total)?.[0];
  return bound === undefined || bound === Infinity ? undefined : bound * 1000;
}

export interface AppFigures {
  requestsPerSecond: number;
  errorsPerSecond: number;
  p99Ms: number | undefined;
  eventsPerSecond: number;
  retriesPerSecond: number;
  cpuPercent: number;
  rssMb: number;
}

/** One app's rates between two scrapes `seconds` apart. */
export function appFigures(before: Sample[], after: Sample[], seconds: number): AppFigures {
  // NaN seconds (no earlier answer of this instance) gives NaN rates, shown as "-".
  const rate = (name: string, where?: (labels: Record<string, string | number>) => boolean) =>
    Math.max(0, sum(after, name, where) - sum(before, name, where)) / seconds;
  return {
    requestsPerSecond: rate('bookstore_http_requests_total', served),
    errorsPerSecond: rate('bookstore_http_requests_total', (l) => String(l.status ?? '').startsWith('5')),
    p99Ms: latencyQuantile(before, after, 0.99),
    eventsPerSecond: rate('bookstore_events_handled_total'),
    retriesPerSecond: rate('bookstore_events_handled_total', (l) => l.outcome === 'RETRY'),
    cpuPercent: rate('process_cpu_seconds_total') * 100,
    rssMb: sum(after, 'process_resident_memory_bytes') / 1e6,
  };
}
