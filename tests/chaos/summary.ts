import { existsSync, readFileSync } from 'node:fs';
import { FIGURES_FILE } from './chaos-stack';

/** After the chaos suite: one table of every scenario's figures. */
export default function summary(): void {
  if (!existsSync(FIGURES_FILE)) return;
  const rows = readFileSync(FIGURES_FILE, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { scenario: string; figures: Record<string, string | number> });
  const width = Math.max(...rows.map((r) => r.scenario.length));
  const lines = rows.map(
    (r) =>
      `| ${r.scenario.padEnd(width)} | ${Object.entries(r.figures)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')} |`,
  );
  process.stdout.write(`\nChaos suite summary\n| ${'scenario'.padEnd(width)} | figures |\n|${'-'.repeat(width + 2)}|---|\n${lines.join('\n')}\n`);
}
