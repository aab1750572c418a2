/** Latency and lag summaries: pure functions over plain numbers (milliseconds). */

export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/**
 * The nearest-rank percentile of values sorted ascending: the smallest value that at least
 * p% of the values do not exceed (so p99 of 100 values is the 99th, never an interpolation).
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((total, v) => total + v, 0);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  };
}

/** Counts per key, keys sorted (answers by status). */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

export interface Point {
  /** Seconds since the start of the load. */
  second: number;
  /** Answers that arrived in that second. */
  answers: number;
  /** Of those, accepted (the scenario's success status). */
  accepted: number;
  p50: number;
  p99: number;
}

/** Answers per second and their latency, by the second each answer arrived in. */
export function overTime(records: ReadonlyArray<{ end: number; latency: number; ok: boolean }>, startMs: number): Point[] {
  const buckets = new Map<number, { latencies: number[]; accepted: number }>();
  for (const r of records) {
    const second = Math.max(0, Math.floor((r.end - startMs) / 1000));
    const bucket = buckets.get(second) ?? { latencies: [], accepted: 0 };
    bucket.latencies.push(r.latency);
    if (r.ok) bucket.accepted += 1;
    buckets.set(second, bucket);
  }
  const last = Math.max(-1, ...buckets.keys());
  return Array.from({ length: last + 1 }, (_, second) => {
    const bucket = buckets.get(second) ?? { latencies: [], accepted: 0 };
    const s = summarize(bucket.latencies);
    return { second, answers: bucket.latencies.length, accepted: bucket.accepted, p50: s.count ? s.p50 : 0, p99: s.count ? s.p99 : 0 };
  });
}

/** A histogram for the report: `bins` equal bins from 0 to the largest value. */
export function histogram(values: readonly number[], bins = 20): Array<{ from: number; to: number; count: number }> {
  if (values.length === 0) return [];
  const top = Math.max(...values, 1);
  const width = top / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor(v / width))]! += 1;
  return counts.map((count, i) => ({ from: i * width, to: (i + 1) * width, count }));
}
