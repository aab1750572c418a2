import type { ScenarioResult } from '../result';

/** One figure against its target (issue 8's list). `ok` is undefined when there is nothing to judge. */
export interface Verdict {
  scenario: string;
  figure: string;
  value: string;
  target: string;
  ok: boolean | undefined;
}

const ms = (v: number | null | undefined): string => (v === null || v === undefined || Number.isNaN(v) ? 'n/a' : `${Math.round(v)} ms`);
const share = (part: number, whole: number): string => (whole ? `${((100 * part) / whole).toFixed(1)}%` : 'n/a');
const known = (v: number | null | undefined): v is number => v !== null && v !== undefined && !Number.isNaN(v);

function lost(r: ScenarioResult): number {
  const c = r.checks;
  return c.fates.lost.length + c.fates.notFinal.length + c.stock.length + c.mileage.length;
}

/** Lag, drain, nothing lost, CPU: asked of every scenario of the shop. */
function common(r: ScenarioResult): Verdict[] {
  const out: Verdict[] = [];
  for (const [label, s] of [
    ['lag → MyPage DeliveryStarted p99', r.lag.myPage],
    ['lag → mileage applied p99', r.lag.mileage],
  ] as const) {
    out.push({
      scenario: r.name,
      figure: `${label} (${s.count} sampled)`,
      value: ms(s.p99),
      target: '≤ 1000 ms',
      ok: known(s.p99) ? s.p99 <= 1000 : undefined,
    });
  }
  out.push({
    scenario: r.name,
    figure: 'drained after load',
    value: ms(r.drain.finalMs),
    target: '≤ 2000 ms',
    ok: known(r.drain.finalMs) ? r.drain.finalMs <= 2000 : false,
  });
  const bad = lost(r);
  out.push({
    scenario: r.name,
    figure: 'lost / not final / stock / mileage',
    value: `${r.checks.fates.lost.length} / ${r.checks.fates.notFinal.length} / ${r.checks.stock.length} / ${r.checks.mileage.length}`,
    target: '0 / 0 / 0 / 0',
    ok: bad === 0,
  });
  const view = r.statusView;
  if (view) {
    out.push({
      scenario: r.name,
      figure: 'status view: frames / order req/s / lag',
      value: `${view.frames} (${view.failedReads} failed), ${view.peakOrderRequestsPerSecond.toFixed(0)}/s, ${view.peakLag}`,
      target: 'live, no failed read',
      ok: view.frames >= 3 && view.failedReads === 0 && view.peakOrderRequestsPerSecond > 0,
    });
    out.push({
      scenario: r.name,
      figure: "status view: orders by order's counter",
      value: view.ordersCounted === null ? 'n/a (another instance)' : String(view.ordersCounted),
      target: `= ${view.ordersPlaced} accepted`,
      ok: view.ordersCounted === null ? undefined : view.ordersCounted === view.ordersPlaced,
    });
  }
  if (r.cpu.ratioToFloor !== undefined)
    out.push({
      scenario: r.name,
      figure: 'CPU per order ÷ floor',
      value: `${r.cpu.ratioToFloor.toFixed(1)}× (${r.cpu.perAcceptedMs.toFixed(1)} ms)`,
      target: '≤ 2×',
      ok: r.cpu.ratioToFloor <= 2,
    });
  return out;
}

export function verdicts(r: ScenarioResult): Verdict[] {
  const s201 = r.byStatus['201'] ?? 0;
  const errors = r.requests - s201;
  const v = (figure: string, value: string, target: string, ok: boolean | undefined): Verdict => ({ scenario: r.name, figure, value, target, ok });
  switch (r.name) {
    case 'floor':
      return [
        v('throughput', `${r.throughput.toFixed(0)}/s`, '(reference)', undefined),
        v('CPU per call', `${r.cpu.perAcceptedMs.toFixed(2)} ms`, '(reference)', undefined),
        v('p99', ms(r.latency.p99), '(reference)', undefined),
      ];
    case 'seed':
      return [
        v('throughput', `${r.throughput.toFixed(0)}/s`, '≥ 500/s', r.throughput >= 500),
        v('201s', share(s201, r.requests), '100%', errors === 0),
        v('p99', ms(r.latency.p99), '≤ 500 ms', r.latency.p99 <= 500),
        ...common(r),
      ];
    case 'spread':
      return [v('throughput', `${r.throughput.toFixed(0)}/s`, '≥ 500/s', r.throughput >= 500), v('errors', String(errors), '0', errors === 0), ...common(r)];
    case 'open':
      return [
        v('p99 (from intended send)', ms(r.latency.p99), '≤ 150 ms', r.latency.p99 <= 150),
        v('errors', String(errors), '0', errors === 0),
        v('throughput', `${r.throughput.toFixed(0)}/s`, '300/s', r.throughput >= 295),
        ...common(r),
      ];
    case 'overload':
      return [
        v('slowest answer', ms(r.latency.max), '≤ 1000 ms', r.latency.max <= 1000),
        v('throughput', `${r.throughput.toFixed(0)}/s`, '(sustained)', undefined),
        ...common(r),
      ];
    case 'burst': {
      const [ok, oos, busy] = [r.byStatus['201'] ?? 0, r.byStatus['409'] ?? 0, r.byStatus['503'] ?? 0];
      return [
        v('201 / 409 / 503', `${ok} / ${oos} / ${busy}`, '100 / 900 / 0', ok === 100 && oos === 900 && busy === 0),
        v('slowest answer', ms(r.latency.max), '≤ 1000 ms', r.latency.max <= 1000),
        ...common(r),
      ];
    }
    case 'history': {
      const ratio = Number(r.extra?.customerCpuRatio);
      const phases = r.extra?.phases as Record<string, { customerAppMsPerEvent: number; mileageLag: { p99: number } }> | undefined;
      return [
        v('history built', `${String(r.extra?.historyBuilt)} of ${String(r.extra?.historyTarget)}`, 'all', r.extra?.historyBuilt === r.extra?.historyTarget),
        v(
          'customer app CPU per event, long ÷ fresh',
          Number.isFinite(ratio)
            ? `${ratio.toFixed(2)}× (${phases?.long?.customerAppMsPerEvent.toFixed(2)} vs ${phases?.fresh?.customerAppMsPerEvent.toFixed(2)} ms)`
            : 'n/a',
          '≤ 1.25×',
          Number.isFinite(ratio) ? ratio <= 1.25 : undefined,
        ),
        v(
          'mileage lag p99, long / fresh',
          `${ms(phases?.long?.mileageLag.p99)} / ${ms(phases?.fresh?.mileageLag.p99)}`,
          '≤ 1000 ms both',
          phases ? phases.long!.mileageLag.p99 <= 1000 && phases.fresh!.mileageLag.p99 <= 1000 : undefined,
        ),
        ...common(r),
      ];
    }
    default:
      return [v('throughput', `${r.throughput.toFixed(0)}/s`, '(reported)', undefined), v('p99', ms(r.latency.p99), '(reported)', undefined), ...common(r)];
  }
}
