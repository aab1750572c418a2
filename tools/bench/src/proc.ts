/**
 * CPU and memory of processes from /proc/<pid>/stat lines: pure parsing and accounting,
 * so it is unit-tested without a process to watch.
 */

export interface ProcStat {
  pid: number;
  comm: string;
  ppid: number;
  /** Process group: the stack starts every process in a group of its own (children included). */
  pgrp: number;
  /** Clock ticks: own user and system time, and that of waited-for children that have exited. */
  utime: number;
  stime: number;
  cutime: number;
  cstime: number;
  /** Resident pages. */
  rss: number;
  starttime: number;
}

/** Parses one stat line; the command name may hold spaces and parentheses, so fields are read after the last ')'. */
export function parseStat(line: string): ProcStat | undefined {
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const fields = line
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  // fields[0] is field 3 of proc(5) (state): field n is fields[n - 3].
  const at = (n: number): number => Number(fields[n - 3]);
  if (fields.length < 22) return undefined;
  return {
    pid: Number(line.slice(0, open).trim()),
    comm: line.slice(open + 1, close),
    ppid: at(4),
    pgrp: at(5),
    utime: at(14),
    stime: at(15),
    cutime: at(16),
    cstime: at(17),
    starttime: at(22),
    rss: at(24),
  };
}

/** Proportional set size (bytes) from /proc/<pid>/smaps_rollup: shared pages split among their users. */
export function parsePss(smapsRollup: string): number | undefined {
  const match = /^Pss:\s+(\d+)\s+kB$/m.exec(smapsRollup);
  return match ? Number(match[1]) * 1024 : undefined;
}

export interface Usage {
  /** CPU time in clock ticks. */
  ticks: number;
  /** Resident bytes. */
  rssBytes: number;
}

/**
 * A group's usage: each live member's own time plus its exited children's (cutime, cstime).
 * An exited process's time is in its reaper's cutime, and a live process is in nobody's, so
 * every process is counted once as long as its reaper is in the group (PostgreSQL's backends
 * and the postmaster are).
 */
export function groupUsage(stats: readonly ProcStat[], pageSize: number): Usage {
  let ticks = 0;
  let rss = 0;
  for (const s of stats) {
    ticks += s.utime + s.stime + s.cutime + s.cstime;
    rss += s.rss;
  }
  return { ticks, rssBytes: rss * pageSize };
}

/**
 * Members of each named process, by its leader's pid: the leader's process group, and every
 * descendant of the leader (PostgreSQL's backends each start a session of their own).
 */
export function byGroup(stats: readonly ProcStat[], leaders: ReadonlyMap<string, number>): Map<string, ProcStat[]> {
  const groups = new Map<string, ProcStat[]>();
  const nameOf = new Map([...leaders].map(([name, pid]) => [pid, name]));
  const parentOf = new Map(stats.map((s) => [s.pid, s.ppid]));
  const owner = new Map<number, string | undefined>();
  const ownerOf = (pid: number, depth = 0): string | undefined => {
    if (owner.has(pid)) return owner.get(pid);
    const own = nameOf.get(pid);
    const parent = parentOf.get(pid);
    const found = own ?? (parent !== undefined && parent > 1 && depth < 64 ? ownerOf(parent, depth + 1) : undefined);
    owner.set(pid, found);
    return found;
  };
  for (const s of stats) {
    const name = nameOf.get(s.pgrp) ?? ownerOf(s.pid);
    if (name === undefined) continue;
    const members = groups.get(name) ?? [];
    members.push(s);
    groups.set(name, members);
  }
  return groups;
}

export interface ProcessFigures {
  cpuSeconds: number;
  peakRssBytes: number;
}

/**
 * Per process, CPU seconds between the first and last sample and the highest RSS seen.
 * A process that restarted (its ticks went down) counts from zero again.
 */
export function figuresOf(samples: ReadonlyArray<ReadonlyMap<string, Usage>>, ticksPerSecond: number): Record<string, ProcessFigures> {
  const figures: Record<string, ProcessFigures> = {};
  if (samples.length === 0) return figures;
  const names = new Set(samples.flatMap((s) => [...s.keys()]));
  for (const name of names) {
    let ticks = 0;
    let previous: number | undefined;
    let peak = 0;
    for (const sample of samples) {
      const usage = sample.get(name);
      if (!usage) continue;
      if (previous !== undefined) ticks += usage.ticks >= previous ? usage.ticks - previous : usage.ticks;
      previous = usage.ticks;
      peak = Math.max(peak, usage.rssBytes);
    }
    figures[name] = { cpuSeconds: ticks / ticksPerSecond, peakRssBytes: peak };
  }
  return figures;
}
