import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import type { ScenarioResult } from '../result';
import { html } from './html';

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  kernel: string;
  node: string;
  dapr: string;
  loadAverage: number[];
}

export interface Report {
  startedAt: string;
  quick: boolean;
  attached: boolean;
  commit: string;
  machine: Machine;
  scenarios: ScenarioResult[];
}

export function machine(dapr: string): Machine {
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: totalmem() / 2 ** 30,
    kernel: release(),
    node: process.version,
    dapr,
    loadAverage: loadavg(),
  };
}

export function commitOf(root: string): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: root }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root }).toString().trim() !== '';
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}

/** The CPU per order of every shop scenario against the floor's CPU per call. */
export function withFloorRatio(scenarios: ScenarioResult[]): ScenarioResult[] {
  const floor = scenarios.find((s) => s.name === 'floor');
  if (!floor || !Number.isFinite(floor.cpu.perAcceptedMs) || floor.cpu.perAcceptedMs <= 0) return scenarios;
  return scenarios.map((s) =>
    s.name === 'floor' || !Number.isFinite(s.cpu.perAcceptedMs) ? s : { ...s, cpu: { ...s.cpu, ratioToFloor: s.cpu.perAcceptedMs / floor.cpu.perAcceptedMs } },
  );
}

/** Writes `<dir>/<timestamp>.json` and `.html`; answers their paths. */
export function writeReport(dir: string, report: Report): { json: string; html: string } {
  mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const files = { json: join(dir, `${stamp}.json`), html: join(dir, `${stamp}.html`) };
  writeFileSync(files.json, JSON.stringify(report, null, 2));
  writeFileSync(files.html, html(report));
  return files;
}
