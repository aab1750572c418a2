import { sleep } from '@bookstore/stack';
import { performance } from 'node:perf_hooks';
import { Answer, Call, Client } from './http';
import { dueBetween, intendedTimes } from './schedule';

/** One request as the generator saw it; times in ms on the performance clock. */
export interface RequestRecord {
  op: string;
  intended: number;
  end: number;
  status: number;
  error?: string;
}

/** What to send next; `after` sees the answer (to remember an orderId, say). */
export interface Step {
  op: string;
  call: Call;
  after?: (answer: Answer, record: RequestRecord) => void;
}

export type NextStep = (worker: number, sequence: number) => Step | Promise<Step>;

async function run(client: Client, step: Step, intended: number, records: RequestRecord[]): Promise<void> {
  const answer = await client.send(step.call);
  const record: RequestRecord = { op: step.op, intended, end: performance.now(), status: answer.status, ...(answer.error ? { error: answer.error } : {}) };
  // Why a request failed, kept short: the report shows a few of each kind.
  if (answer.status >= 500 && !record.error) record.error = JSON.stringify(answer.body ?? '').slice(0, 300);
  records.push(record);
  step.after?.(answer, record);
}

/**
 * Closed loop: `workers` users, each sending its next request when the answer to its last
 * arrives, until `durationMs` is over (a request under way then is waited for).
 */
export async function closedLoop(client: Client, workers: number, durationMs: number, next: NextStep): Promise<RequestRecord[]> {
  const records: RequestRecord[] = [];
  const deadline = performance.now() + durationMs;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let sequence = 0; performance.now() < deadline; sequence += 1) {
        const step = await next(worker, sequence);
        await run(client, step, performance.now(), records);
      }
    }),
  );
  return records;
}

/** Every worker sends one request at the same moment (the burst), and each waits for its answer. */
export async function allAtOnce(client: Client, count: number, next: NextStep): Promise<RequestRecord[]> {
  const records: RequestRecord[] = [];
  const steps = await Promise.all(Array.from({ length: count }, (_, i) => next(i, 0)));
  const intended = performance.now();
  await Promise.all(steps.map((step) => run(client, step, intended, records)));
  return records;
}

/**
 * Open loop: requests at a fixed rate, on a schedule made before the run. The ticker sends
 * every request that is due without waiting for earlier answers; a request's latency runs
 * from its intended time, so time spent queued in the generator or the pool counts.
 */
export async function openLoop(client: Client, ratePerSecond: number, durationMs: number, next: NextStep): Promise<RequestRecord[]> {
  const records: RequestRecord[] = [];
  const start = performance.now();
  const schedule = intendedTimes(ratePerSecond, durationMs, start);
  const inFlight: Array<Promise<void>> = [];
  let sent = 0;
  while (sent < schedule.length) {
    const { from, to } = dueBetween(schedule, sent, performance.now());
    for (let i = from; i < to; i += 1) {
      const step = await next(i, i);
      inFlight.push(run(client, step, schedule[i]!, records));
    }
    sent = to;
    if (sent < schedule.length) await sleep(Math.max(0, Math.min(5, schedule[sent]! - performance.now())));
  }
  await Promise.all(inFlight);
  return records;
}
