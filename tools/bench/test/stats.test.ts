import { countBy, histogram, overTime, percentile, summarize } from '../src/stats';

describe('percentiles', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('when 100 values are ranked, then p50 is the 50th, p99 the 99th and p100 the largest', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
  });

  it('when there are few values, then the percentile is one of them, never an interpolation', () => {
    expect(percentile([10, 20, 30], 50)).toBe(20);
    expect(percentile([10, 20, 30], 99)).toBe(30);
    expect(percentile([10, 20, 30], 1)).toBe(10);
    expect(percentile([7], 99)).toBe(7);
  });

  it('when there are no values, then every figure is NaN and the count is 0', () => {
    const s = summarize([]);
    expect(s.count).toBe(0);
    expect(s.p99).toBeNaN();
    expect(s.max).toBeNaN();
  });

  it('when values come unsorted, then the summary sorts them and does not change the input', () => {
    const values = [5, 1, 4, 2, 3];
    expect(summarize(values)).toEqual({ count: 5, p50: 3, p95: 5, p99: 5, max: 5, mean: 3 });
    expect(values).toEqual([5, 1, 4, 2, 3]);
  });
});

describe('figures over time', () => {
  it('when answers arrive over three seconds, then each second counts its answers, accepted ones and latency', () => {
    const records = [
      { end: 100, latency: 10, ok: true },
      { end: 900, latency: 30, ok: false },
      { end: 2_500, latency: 50, ok: true },
    ];
    expect(overTime(records, 0)).toEqual([
      { second: 0, answers: 2, accepted: 1, p50: 10, p99: 30 },
      { second: 1, answers: 0, accepted: 0, p50: 0, p99: 0 },
      { second: 2, answers: 1, accepted: 1, p50: 50, p99: 50 },
    ]);
  });

  it('when statuses are counted, then keys come sorted', () => {
    expect(Object.keys(countBy([{ s: '503' }, { s: '201' }, { s: '201' }], (r) => r.s))).toEqual(['201', '503']);
  });

  it('when a histogram is made, then every value lands in one bin and the largest in the last', () => {
    const bins = histogram([0, 1, 2, 10], 5);
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(4);
    expect(bins[4]!.count).toBe(1);
    expect(bins[0]!.count).toBe(2);
  });
});
