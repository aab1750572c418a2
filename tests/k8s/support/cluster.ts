/** The one-node cluster as the k8s tests see it: `npm run cluster` commands and kubectl. */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'scripts/cluster/cluster.sh');

export interface CommandResult {
  status: number;
  output: string;
}

/** Runs `npm run cluster -- <args>` (through its script) and returns its exit status and output. */
export function cluster(...args: string[]): CommandResult {
  const run = spawnSync('bash', [CLI, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { status: run.status ?? 1, output: `${run.stdout}${run.stderr}` };
}

/** The cluster's environment (KUBECONFIG, PATH with kubectl) from `cluster env`. */
function clusterEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const line of cluster('env').output.split('\n')) {
    const [, name, value] = /^export (\w+)=(.*)$/.exec(line) ?? [];
    if (name && value) env[name] = value.replace(/:\$PATH$/, `:${process.env.PATH ?? ''}`);
  }
  return env;
}

let env: NodeJS.ProcessEnv | undefined;

export function kubectl(args: string[], input?: string): string {
  env ??= clusterEnv();
  return execFileSync('kubectl', args, { env, input, encoding: 'utf8', maxBuffer: 64 << 20 });
}

export function kubectlJson<T>(args: string[]): T {
  return JSON.parse(kubectl([...args, '-o', 'json'])) as T;
}

/** A fixture manifest with ${NAME} replaced from `values`; a name not given is an error. */
export function fixture(name: string, values: Record<string, string>): string {
  const text = readFileSync(path.join(ROOT, 'tests/k8s/fixtures', name), 'utf8');
  return text.replace(/\$\{(\w+)\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`fixture ${name} needs ${key}`);
    return value;
  });
}

export interface PodList {
  items: Array<{
    metadata: { name: string; labels?: Record<string, string>; deletionTimestamp?: string };
    spec: { containers: Array<{ name: string; image: string }> };
    status: { phase: string; containerStatuses?: Array<{ name: string; ready: boolean; restartCount?: number; containerID?: string }> };
  }>;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a value (not undefined) or the deadline passes. */
export async function eventually<T>(what: string, timeoutMs: number, check: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await sleep(1_000);
  }
  throw new Error(`${what} not within ${timeoutMs / 1000}s${last ? `: ${String(last)}` : ''}`);
}
