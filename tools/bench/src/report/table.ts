import type { ScenarioResult } from '../result';
import type { Summary } from '../stats';
import { verdicts } from './targets';

const mark = (ok: boolean | undefined): string => (ok === undefined ? '  ' : ok ? 'ok' : 'NO');
const n = (v: number | null | undefined): string => (v === null || v === undefined || Number.isNaN(v) ? '-' : String(Math.round(v)));
const lag = (s: Summary): string => `${n(s.p50)}/${n(s.p99)}/${n(s.max)}`;

/** Every figure against its target (issue 8's list). */
function targetsTable(results: readonly ScenarioResult[]): string[] {
  const widths = [10, 46, 30, 16];
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' ');
  const out = [line(['scenario', 'figure', 'value', 'target']) + ' ok', '-'.repeat(108)];
  for (const r of results.flatMap(verdicts)) out.push(`${line([r.scenario, r.figure, r.value, r.target])} ${mark(r.ok)}`);
  return out;
}

/** One line per scenario: answers, latency, lag, drain, CPU. */
function scenarioLines(results: readonly ScenarioResult[]): string[] {
  return results.flatMap((r) => {
    const l = r.latency;
    const statuses = Object.entries(r.byStatus)
      .map(([s, count]) => `${s}×${count}`)
      .join(' ');
    return [
      `${r.name.padEnd(9)} ${r.requests} answers (${statuses}) in ${r.loadSeconds.toFixed(1)} s, ${r.throughput.toFixed(1)} accepted/s; latency p50/p95/p99/max ${n(l.p50)}/${n(l.p95)}/${n(l.p99)}/${n(l.max)} ms`,
      `${''.padEnd(9)} lag p50/p99/max MyPage ${lag(r.lag.myPage)} ms, mileage ${lag(r.lag.mileage)} ms (sampled), Ordered → DeliveryStarted events ${lag(r.lag.deliveryStartedEvent)} ms (every order); drained ${n(r.drain.finalMs)} ms; CPU ${r.cpu.shopSeconds.toFixed(1)} s, ${r.cpu.perAcceptedMs.toFixed(1)} ms per accepted`,
    ];
  });
}

/** CPU seconds and peak memory of every process, one column per scenario. */
function processTable(results: readonly ScenarioResult[]): string[] {
  const names = [...new Set(results.flatMap((r) => Object.keys(r.processes)))].sort();
  const head = ['process (CPU s / peak MiB)'.padEnd(28), ...results.map((r) => r.name.padStart(13))].join(' ');
  const rows = names.map((name) =>
    [
      name.padEnd(28),
      ...results.map((r) => {
        const f = r.processes[name];
        return (f ? `${f.cpuSeconds.toFixed(1)} / ${Math.round(f.peakRssBytes / 2 ** 20)}` : '-').padStart(13);
      }),
    ].join(' '),
  );
  return [head, ...rows];
}

/** The terminal report. */
export function table(results: readonly ScenarioResult[]): string {
  return [...targetsTable(results), '', ...scenarioLines(results), '', ...processTable(results)].join('\n');
}
