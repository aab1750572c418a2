/**
 * The open loop's schedule: when each request is meant to be sent, fixed before the run.
 * A request's latency is counted from its intended time, not from when it actually left,
 * so a shop that answers slowly cannot slow the generator down and hide its own queueing
 * (coordinated omission).
 */
export function intendedTimes(ratePerSecond: number, durationMs: number, startMs = 0): number[] {
  if (!(ratePerSecond > 0) || !(durationMs > 0)) return [];
  const count = Math.floor((ratePerSecond * durationMs) / 1000);
  const gap = 1000 / ratePerSecond;
  return Array.from({ length: count }, (_, i) => startMs + i * gap);
}

/** The requests due by `now` that have not been sent yet: indexes [from, to). */
export function dueBetween(schedule: readonly number[], sent: number, now: number): { from: number; to: number } {
  let to = sent;
  while (to < schedule.length && schedule[to]! <= now) to += 1;
  return { from: sent, to };
}
