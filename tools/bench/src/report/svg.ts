/** Small inline SVG charts for the report: no library, no network. */

const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b'];

export interface Series {
  name: string;
  points: Array<[number, number]>;
}

const nice = (v: number): string => (v >= 1000 ? `${(v / 1000).toFixed(1)}k` : v >= 10 ? v.toFixed(0) : v.toFixed(1));

/** A line chart of one or more series over x. */
export function lineChart(title: string, series: readonly Series[], xLabel: string, yLabel: string, width = 560, height = 220): string {
  const pad = { l: 50, r: 10, t: 24, b: 34 };
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const xMax = Math.max(1, ...xs);
  const yMax = Math.max(1, ...ys);
  const x = (v: number): number => pad.l + (v / xMax) * (width - pad.l - pad.r);
  const y = (v: number): number => height - pad.b - (v / yMax) * (height - pad.t - pad.b);
  const lines = series
    .map(
      (s, i) =>
        `<polyline fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="1.5" points="${s.points.map((p) => `${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(' ')}"/>`,
    )
    .join('');
  const legend = series
    .map((s, i) => `<text x="${pad.l + 8 + i * 110}" y="${pad.t + 12}" fill="${COLORS[i % COLORS.length]}" font-size="11">${esc(s.name)}</text>`)
    .join('');
  const ticks = [0, 0.5, 1].map((f) => `<text x="${pad.l - 4}" y="${y(f * yMax) + 4}" font-size="10" text-anchor="end">${nice(f * yMax)}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img"><text x="${pad.l}" y="14" font-size="12" font-weight="bold">${esc(title)}</text>
<line x1="${pad.l}" y1="${height - pad.b}" x2="${width - pad.r}" y2="${height - pad.b}" stroke="#888"/><line x1="${pad.l}" y1="${pad.t}" x2="${pad.l}" y2="${height - pad.b}" stroke="#888"/>
${ticks}<text x="${width - pad.r}" y="${height - 8}" font-size="10" text-anchor="end">${esc(xLabel)} (max ${nice(xMax)})</text><text x="4" y="${pad.t - 6}" font-size="10">${esc(yLabel)}</text>${lines}${legend}</svg>`;
}

/** Horizontal bars, one per label. */
export function barChart(title: string, bars: ReadonlyArray<{ label: string; value: number; color?: string }>, unit: string, width = 560): string {
  const rowH = 16;
  const height = 28 + bars.length * rowH;
  const max = Math.max(1e-9, ...bars.map((b) => b.value));
  const left = 170;
  const body = bars
    .map((b, i) => {
      const w = ((width - left - 70) * b.value) / max;
      const yy = 24 + i * rowH;
      return `<text x="${left - 4}" y="${yy + 11}" font-size="11" text-anchor="end">${esc(b.label)}</text><rect x="${left}" y="${yy}" width="${w.toFixed(1)}" height="${rowH - 4}" fill="${b.color ?? COLORS[0]}"/><text x="${left + w + 4}" y="${yy + 11}" font-size="10">${nice(b.value)} ${esc(unit)}</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img"><text x="4" y="14" font-size="12" font-weight="bold">${esc(title)}</text>${body}</svg>`;
}

/** Vertical bars of a histogram. */
export function histogramChart(
  title: string,
  bins: ReadonlyArray<{ from: number; to: number; count: number }>,
  unit: string,
  width = 560,
  height = 180,
): string {
  if (bins.length === 0) return `<p>${esc(title)}: no samples</p>`;
  const pad = { l: 40, b: 30, t: 22 };
  const max = Math.max(1, ...bins.map((b) => b.count));
  const bw = (width - pad.l - 10) / bins.length;
  const bars = bins
    .map((b, i) => {
      const h = ((height - pad.t - pad.b) * b.count) / max;
      return `<rect x="${(pad.l + i * bw).toFixed(1)}" y="${(height - pad.b - h).toFixed(1)}" width="${(bw - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="${COLORS[2]}"><title>${nice(b.from)}–${nice(b.to)} ${esc(unit)}: ${b.count}</title></rect>`;
    })
    .join('');
  const top = bins[bins.length - 1]!.to;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img"><text x="4" y="14" font-size="12" font-weight="bold">${esc(title)}</text>${bars}
<text x="${pad.l}" y="${height - 10}" font-size="10">0</text><text x="${width - 10}" y="${height - 10}" font-size="10" text-anchor="end">${nice(top)} ${esc(unit)}</text><text x="${pad.l - 4}" y="${pad.t + 8}" font-size="10" text-anchor="end">${max}</text></svg>`;
}

export { esc };
