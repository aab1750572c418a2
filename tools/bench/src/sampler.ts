import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { byGroup, figuresOf, groupUsage, parsePss, parseStat, ProcessFigures, ProcStat, Usage } from './proc';

const ticksPerSecond = ((): number => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();
const pageSize = ((): number => {
  try {
    return Number(execFileSync('getconf', ['PAGESIZE']).toString().trim()) || 4096;
  } catch {
    return 4096;
  }
})();

function readStats(): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = parseStat(readFileSync(`/proc/${entry}/stat`, 'utf8'));
      if (stat) stats.push(stat);
    } catch {
      // it exited between the listing and the read
    }
  }
  return stats;
}

function sumPss(members: readonly ProcStat[]): number | undefined {
  let total = 0;
  for (const m of members) {
    try {
      const pss = parsePss(readFileSync(`/proc/${m.pid}/smaps_rollup`, 'utf8'));
      if (pss === undefined) return undefined;
      total += pss;
    } catch {
      // it exited meanwhile: it holds nothing any more
    }
  }
  return total;
}

/** The load generator itself: this process alone (it shares its group with npm). */
export const SELF = 'load-generator';

/**
 * Samples every watched process group from /proc once a second. A scenario takes a mark at
 * its start and at its end; its figures are CPU seconds between the two and the peak RSS.
 */
export class ProcessSampler {
  private readonly samples: Array<Map<string, Usage>> = [];
  private readonly leaders = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  watch(name: string, pid: number): void {
    this.leaders.set(name, pid);
  }

  unwatch(name: string): void {
    this.leaders.delete(name);
  }

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), 1_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Takes a sample now; answers its index, to pass to `figures`. */
  mark(): number {
    this.sample();
    return this.samples.length - 1;
  }

  figures(from: number, to: number): Record<string, ProcessFigures> {
    return figuresOf(this.samples.slice(from, to + 1), ticksPerSecond);
  }

  private sample(): void {
    const stats = readStats();
    const usage = new Map<string, Usage>();
    for (const [name, members] of byGroup(stats, this.leaders)) {
      const group = groupUsage(members, pageSize);
      // Several processes sharing memory (PostgreSQL's backends and its shared buffers): their
      // RSS would count the shared pages once per process, so their PSS is summed instead.
      const pss = members.length > 1 ? sumPss(members) : undefined;
      usage.set(name, pss === undefined ? group : { ...group, rssBytes: pss });
    }
    const self = stats.find((s) => s.pid === process.pid);
    if (self) usage.set(SELF, groupUsage([self], pageSize));
    this.samples.push(usage);
  }
}
