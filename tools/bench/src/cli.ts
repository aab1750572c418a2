#!/usr/bin/env node
import { join } from 'node:path';
import { standingOf } from '@bookstore/customer/dist/domain/grade';
import { ROOT, runtimeBinaries } from '@bookstore/stack';
import { floor } from './floor-scenario';
import { history } from './history';
import { Client } from './http';
import { Context } from './context';
import { parseOptions, ScenarioName } from './options';
import { commitOf, machine, Report, withFloorRatio, writeReport } from './report/report';
import { table } from './report/table';
import { ScenarioResult } from './result';
import { ProcessSampler } from './sampler';
import { burst, mixed, open, overload, seed, spread } from './scenarios';
import { runTag, Shop } from './shop';
import { attachOrStart } from './target';

const RUN: Record<ScenarioName, (ctx: Context) => Promise<ScenarioResult>> = { floor, seed, spread, open, mixed, overload, burst, history };

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const started = Date.now();
  const log = (line: string): void => console.log(`[bench +${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`);
  const target = await attachOrStart(process.env, log);
  const control = new Client(target.gatewayUrl, 16);
  const sampler = new ProcessSampler();
  sampler.start();
  const results: ScenarioResult[] = [];
  const report: Report = {
    startedAt: new Date(started).toISOString(),
    quick: options.quick,
    attached: !target.started,
    commit: commitOf(ROOT),
    machine: machine(runtimeBinaries(target.data).version),
    scenarios: results,
  };
  try {
    const shop = new Shop(control);
    const ctx: Context = {
      target,
      shop,
      admin: await shop.login('admin@bookstore.local', target.credentials.adminPassword),
      sampler,
      tag: runTag(),
      quick: options.quick,
      ...(options.durationSeconds ? { durationSeconds: options.durationSeconds } : {}),
      drainTimeoutMs: options.quick ? 30_000 : 120_000,
      standingOf,
      log,
    };
    for (const name of options.scenarios) {
      log(`scenario ${name}`);
      try {
        results.push(await RUN[name](ctx));
      } catch (error) {
        log(`scenario ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        process.exitCode = 1;
      }
    }
  } finally {
    sampler.stop();
    await control.close();
    await target.close();
  }
  report.scenarios = withFloorRatio(results);
  const files = writeReport(options.out ?? join(ROOT, 'bench', 'results'), report);
  console.log(`\n${table(report.scenarios)}\n\nreport: ${files.html}\n        ${files.json}`);
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
