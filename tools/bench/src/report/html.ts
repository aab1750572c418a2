import type { Report } from './report';
import { verdicts } from './targets';
import { histogram } from '../stats';
import { barChart, esc, histogramChart, lineChart } from './svg';

const fmt = (v: number | null | undefined, digits = 0): string => (v === null || v === undefined || Number.isNaN(v) ? 'n/a' : v.toFixed(digits));

/** The self-contained HTML report: figures against targets, and a chart per question. */
export function html(report: Report): string {
  const rows = report.scenarios
    .flatMap(verdicts)
    .map(
      (v) =>
        `<tr class="${v.ok === undefined ? '' : v.ok ? 'ok' : 'no'}"><td>${esc(v.scenario)}</td><td>${esc(v.figure)}</td><td>${esc(v.value)}</td><td>${esc(v.target)}</td><td>${v.ok === undefined ? '' : v.ok ? '✓' : '✗'}</td></tr>`,
    )
    .join('\n');
  const floor = report.scenarios.find((s) => s.name === 'floor');
  const perOrder = barChart(
    'CPU per accepted order, all processes (ms): ours vs the floor',
    report.scenarios
      .filter((s) => Number.isFinite(s.cpu.perAcceptedMs))
      .map((s) => ({ label: s.name, value: s.cpu.perAcceptedMs, color: s.name === 'floor' ? '#2ca02c' : '#1f77b4' })),
    'ms',
  );
  const sections = report.scenarios.map((s) => {
    const l = s.latency;
    const processes = Object.entries(s.processes).sort(([, a], [, b]) => b.cpuSeconds - a.cpuSeconds);
    const lagValues = [...s.lag.myPageValues];
    return `<section><h2>${esc(s.name)}</h2><p>${esc(s.what)}</p>
<p>${s.requests} answers in ${fmt(s.loadSeconds, 1)} s: ${Object.entries(s.byStatus)
      .map(([k, n]) => `${esc(k)}×${n}`)
      .join(', ')}. Accepted ${fmt(s.throughput, 1)}/s.
Latency p50 ${fmt(l.p50)} / p95 ${fmt(l.p95)} / p99 ${fmt(l.p99)} / max ${fmt(l.max)} ms.
Lag (sampled) MyPage p50 ${fmt(s.lag.myPage.p50)} p99 ${fmt(s.lag.myPage.p99)} max ${fmt(s.lag.myPage.max)} ms; mileage p50 ${fmt(s.lag.mileage.p50)} p99 ${fmt(s.lag.mileage.p99)} max ${fmt(s.lag.mileage.max)} ms;
every order, Ordered → DeliveryStarted published: p50 ${fmt(s.lag.deliveryStartedEvent.p50)} p99 ${fmt(s.lag.deliveryStartedEvent.p99)} max ${fmt(s.lag.deliveryStartedEvent.max)} ms.
Drained ${fmt(s.drain.streamsMs)} ms (streams), final ${fmt(s.drain.finalMs)} ms. CPU ${fmt(s.cpu.shopSeconds, 1)} s, ${fmt(s.cpu.perAcceptedMs, 2)} ms per accepted${s.cpu.ratioToFloor !== undefined ? `, ${fmt(s.cpu.ratioToFloor, 1)}× the floor` : ''}.</p>
<div class="charts">${lineChart(
      'Throughput per second',
      [
        { name: 'answers/s', points: s.overTime.map((p) => [p.second, p.answers]) },
        { name: 'accepted/s', points: s.overTime.map((p) => [p.second, p.accepted]) },
      ],
      'second',
      '/s',
    )}
${lineChart(
  'Latency over time (ms, from intended send; seconds with answers)',
  [
    { name: 'p50', points: s.overTime.filter((p) => p.answers > 0).map((p) => [p.second, p.p50]) },
    { name: 'p99', points: s.overTime.filter((p) => p.answers > 0).map((p) => [p.second, p.p99]) },
  ],
  'second',
  'ms',
)}
${histogramChart('Lag distribution: accepted → MyPage DeliveryStarted (sampled)', histogram(lagValues), 'ms')}
${barChart(
  'CPU seconds per process',
  processes.map(([name, f]) => ({ label: name, value: f.cpuSeconds })),
  's',
)}
${barChart(
  'Peak memory per process (RSS; PSS summed for PostgreSQL)',
  processes.map(([name, f]) => ({ label: name, value: f.peakRssBytes / 2 ** 20, color: '#9467bd' })),
  'MiB',
)}</div>
${s.statusView?.busiestFrame ? `<details><summary>npm run status during the load: its busiest frame (${s.statusView.frames} read)</summary><pre>${esc(s.statusView.busiestFrame)}</pre></details>` : ''}
${s.checks.notes.length ? `<p>Notes: ${s.checks.notes.map(esc).join('; ')}</p>` : ''}
${
  Object.keys(s.failures ?? {}).length
    ? `<details><summary>Failures, a few of each status</summary><ul>${Object.entries(s.failures ?? {})
        .flatMap(([status, list]) => list.map((f) => `<li>${esc(status)}: <code>${esc(f)}</code></li>`))
        .join('')}</ul></details>`
    : ''
}</section>`;
  });
  const m = report.machine;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bookstore load test ${esc(report.startedAt)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1200px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;font-size:13px}tr.ok td:last-child{color:#080}tr.no td:last-child{color:#c00;font-weight:bold}.charts{display:flex;flex-wrap:wrap;gap:12px}section{border-top:1px solid #ddd;margin-top:1.5em}</style></head><body>
<h1>Bookstore on Dapr: load test</h1>
<p>${esc(report.startedAt)}${report.quick ? ' (--quick)' : ''}; commit <code>${esc(report.commit)}</code>; ${m.cores} cores (${esc(m.cpuModel)}), ${fmt(m.memoryGiB, 1)} GiB, Linux ${esc(m.kernel)}, Node ${esc(m.node)}, Dapr ${esc(m.dapr)}; ${report.attached ? 'attached to a running stack' : 'stack started for the run'}.
Load averages at start: ${m.loadAverage.map((v) => v.toFixed(2)).join(' ')} (other work on the machine skews every figure).</p>
<h2>Figures against targets</h2><table><tr><th>scenario</th><th>figure</th><th>value</th><th>target</th><th></th></tr>${rows}</table>
${floor ? perOrder : ''}
${sections.join('\n')}
</body></html>`;
}
