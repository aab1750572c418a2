import { byGroup, figuresOf, groupUsage, parsePss, parseStat, ProcStat, Usage } from '../src/proc';

/** A stat line as the kernel writes it (fields 1-24 and a few more). */
const line = (pid: number, comm: string, ppid: number, pgrp: number, utime: number, stime: number, cutime = 0, cstime = 0, rss = 100): string =>
  `${pid} (${comm}) S ${ppid} ${pgrp} ${pgrp} 0 -1 4194560 100 0 0 0 ${utime} ${stime} ${cutime} ${cstime} 20 0 8 0 12345 1000000 ${rss} 18446744073709551615 1 1 0`;

describe('CPU accounting from /proc stat lines', () => {
  it('when a command name holds spaces and parentheses, then the fields after it are still read right', () => {
    const stat = parseStat(line(42, 'node (worker) x', 7, 40, 150, 50, 3, 2, 2048));
    expect(stat).toEqual({ pid: 42, comm: 'node (worker) x', ppid: 7, pgrp: 40, utime: 150, stime: 50, cutime: 3, cstime: 2, starttime: 12345, rss: 2048 });
  });

  it('when a line is cut short, then it is no stat', () => {
    expect(parseStat('42 (node) S 1 2')).toBeUndefined();
  });

  it("when a group is summed, then members' own and reaped children's ticks add up, and RSS in bytes", () => {
    const stats = [parseStat(line(1, 'a', 0, 1, 10, 5, 2, 1, 10))!, parseStat(line(2, 'b', 1, 1, 4, 1, 0, 0, 20))!];
    expect(groupUsage(stats, 4096)).toEqual({ ticks: 23, rssBytes: 30 * 4096 });
  });

  it('when processes are grouped, then a group holds its leader, its process group and descendants in sessions of their own', () => {
    const stats: ProcStat[] = [
      parseStat(line(100, 'runuser', 1, 100, 1, 0))!,
      parseStat(line(101, 'postgres', 100, 100, 5, 0))!,
      parseStat(line(102, 'postgres', 101, 102, 7, 0))!, // a backend: its own session and group
      parseStat(line(200, 'redis-server', 1, 200, 9, 0))!,
      parseStat(line(300, 'bash', 1, 300, 9, 0))!,
    ];
    const groups = byGroup(
      stats,
      new Map([
        ['postgres', 100],
        ['redis', 200],
      ]),
    );
    expect(
      groups
        .get('postgres')!
        .map((s) => s.pid)
        .sort(),
    ).toEqual([100, 101, 102]);
    expect(groups.get('redis')!.map((s) => s.pid)).toEqual([200]);
    expect([...groups.keys()].sort()).toEqual(['postgres', 'redis']);
  });

  it('when samples are taken, then CPU is the growth from first to last and RSS the peak', () => {
    const sample = (ticks: number, rssBytes: number): Map<string, Usage> => new Map([['order-app', { ticks, rssBytes }]]);
    expect(figuresOf([sample(100, 10), sample(150, 30), sample(300, 20)], 100)).toEqual({ 'order-app': { cpuSeconds: 2, peakRssBytes: 30 } });
  });

  it('when a process restarted between samples (its ticks fell), then its new ticks count from zero', () => {
    const sample = (ticks: number): Map<string, Usage> => new Map([['book-app', { ticks, rssBytes: 1 }]]);
    expect(figuresOf([sample(500), sample(600), sample(40)], 100)['book-app']!.cpuSeconds).toBeCloseTo(1.4, 9);
  });
});

describe('memory of processes that share pages', () => {
  it('when smaps_rollup is read, then its Pss line is the proportional size in bytes', () => {
    const rollup =
      '55d0c0000000-7ffd00000000 ---p 00000000 00:00 0 [rollup]\nRss:              150000 kB\nPss:               42000 kB\nPss_Dirty:          1000 kB\n';
    expect(parsePss(rollup)).toBe(42000 * 1024);
    expect(parsePss('Rss: 1 kB\n')).toBeUndefined();
  });
});
