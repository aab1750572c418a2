import type { ScenarioResult } from '../result';
import { verdicts } from './targets';

const mark = (ok: boolean | undefined): string => (ok === undefined ? '  ' : ok ? 'ok' : 'NO');

/** The terminal table: every figure against its target, then each scenario's answers and latency. */
export function table(results: readonly ScenarioResult[]): string {
  const rows = results.flatMap(verdicts);
  const widths = [10, 46, 30, 16];
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' ');
  const out = [line(['scenario', 'figure', 'value', 'target']) + ' ok', '-'.repeat(108)];
  for (const r of rows) out.push(`${line([r.scenario, r.figure, r.value, r.target])} ${mark(r.ok)}`);
  out.push('');
  for (const r of results) {
    const l = r.latency;
    const statuses = Object.entries(r.byStatus).map(([s, n]) => `${s}×${n}`).join(' ');
    out.push(`${r.name.padEnd(9)} ${r.requests} answers (${statuses}) in ${r.loadSeconds.toFixed(1)} s; p50 ${Math.round(l.p50)} p95 ${Math.round(l.p95)} p99 ${Math.round(l.p99)} max ${Math.round(l.max)} ms; CPU ${r.cpu.shopSeconds.toFixed(1)} s`);
  }
  return out.join('\n');
}
