import { RequestRecord } from './load';
import { ScenarioResult } from './result';
import { countBy, overTime, summarize } from './stats';

/** What the answers of a load say: counts, throughput, latency, over time; the log of every request. */
export type AnswerFigures = Pick<ScenarioResult, 'requests' | 'byStatus' | 'byOp' | 'throughput' | 'latency' | 'overTime' | 'log' | 'failures' | 'loadSeconds'>;

export interface Measured {
  records: RequestRecord[];
  /** The op whose latency is the scenario's headline (orders). */
  mainOp: string;
  loadStart: number;
  loadEnd: number;
}

/** Figures of the answers; accepted means 201 for the scenario's main operation. */
export function answerFigures(m: Measured): AnswerFigures {
  const main = m.records.filter((r) => r.op === m.mainOp);
  const accepted = main.filter((r) => r.status === 201).length;
  const loadSeconds = (m.loadEnd - m.loadStart) / 1000;
  return {
    loadSeconds,
    requests: m.records.length,
    byStatus: countBy(m.records, (r) => String(r.status)),
    byOp: byOp(m.records),
    throughput: loadSeconds > 0 ? accepted / loadSeconds : 0,
    latency: summarize(main.map((r) => r.end - r.intended)),
    overTime: overTime(
      main.map((r) => ({ end: r.end, latency: r.end - r.intended, ok: r.status === 201 })),
      m.loadStart,
    ),
    log: requestLog(m.records, m.loadStart),
    failures: failuresOf(m.records),
  };
}

const tenth = (ms: number): number => Math.round(ms * 10) / 10;

function failuresOf(records: readonly RequestRecord[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const r of records) {
    if (!r.error) continue;
    const list = (out[String(r.status)] ??= []);
    if (list.length < 3 && !list.includes(r.error)) list.push(r.error);
  }
  return out;
}

function requestLog(records: readonly RequestRecord[], start: number): NonNullable<ScenarioResult['log']> {
  return { columns: ['op', 'intendedMs', 'endMs', 'status'], rows: records.map((r) => [r.op, tenth(r.intended - start), tenth(r.end - start), r.status]) };
}

function byOp(records: readonly RequestRecord[]): ScenarioResult['byOp'] {
  const ops = new Map<string, RequestRecord[]>();
  for (const r of records) ops.set(r.op, [...(ops.get(r.op) ?? []), r]);
  return Object.fromEntries(
    [...ops].map(([op, rs]) => [
      op,
      { count: rs.length, byStatus: countBy(rs, (r) => String(r.status)), latency: summarize(rs.map((r) => r.end - r.intended)) },
    ]),
  );
}
