/**
 * Failures counted per key (an account, a client address) over a sliding window. Past the
 * limit, further attempts wait until the oldest failure in the window ages out.
 * Kept in memory: the gateway is the one entry point, so one instance sees every attempt.
 */
export class FailureWindow {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** 0 when an attempt may go ahead; else how long (ms) until one may. */
  retryAfterMs(key: string, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < this.limit) return 0;
    return recent[recent.length - this.limit]! + this.windowMs - now;
  }

  recordFailure(key: string, now: number): void {
    this.failures.set(key, [...this.recent(key, now), now]);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }
}

/** Requests per client per minute, when a limit is set (off in local runs: 0). */
export class RequestBudget {
  private minute = -1;
  private readonly counts = new Map<string, number>();

  constructor(private readonly perMinute: number) {}

  /** 0 when the request may go ahead; else ms until the next minute starts. */
  take(client: string, now: number): number {
    if (this.perMinute <= 0) return 0;
    const minute = Math.floor(now / 60_000);
    if (minute !== this.minute) {
      this.minute = minute;
      this.counts.clear();
    }
    const used = (this.counts.get(client) ?? 0) + 1;
    this.counts.set(client, used);
    return used > this.perMinute ? (minute + 1) * 60_000 - now : 0;
  }
}
