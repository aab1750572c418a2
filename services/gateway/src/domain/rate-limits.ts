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
