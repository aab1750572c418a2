import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Credentials } from './credentials';
import { componentEnv } from './stack';
import { ROOT } from './paths';
import { PortPlan } from './ports';

/** Where the Dapr CLI looks for Sentry when a Configuration turns mTLS on; it cannot be told otherwise. */
export const DAPR_CLI_SENTRY_PORT = 50001;

/**
 * The environment of every process `dapr run -f dapr.yaml` starts. The CLI hands a run
 * file's `env:` to the apps only (dapr/cli issue 1361), but both the apps and their daprd
 * inherit the CLI's own environment: so these go there, through `stack dapr-run`, never
 * into the file. One token pair serves every app here (npm start gives each its own).
 */
export function daprCliEnv(plan: PortPlan, credentials: Credentials, data: string): Record<string, string> {
  const trustAnchors = join(data, 'sentry', 'ca.crt');
  if (!existsSync(trustAnchors)) throw new Error(`no ${trustAnchors}: start the infrastructure first (npm run stack -- infra)`);
  const tokens = credentials.apps.gateway;
  return {
    ...componentEnv(plan, credentials, data),
    // daprd's and the apps' tokens, and the root daprd trusts for mTLS.
    DAPR_API_TOKEN: tokens.daprApiToken,
    APP_API_TOKEN: tokens.appApiToken,
    DAPR_TRUST_ANCHORS: readFileSync(trustAnchors, 'utf8'),
    // The apps' own Redis client (gateway's login throttle, customercenter's read models).
    REDIS_HOST: '127.0.0.1',
    REDIS_PORT: String(plan.redis),
    REDIS_PASSWORD: credentials.redisPassword,
  };
}

/** As shell exports: `eval "$(npm run -s stack -- env)"`. Values are single-quoted, quotes escaped. */
export function asExports(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([name, value]) => `export ${name}='${value.replaceAll("'", `'\\''`)}'`)
    .join('\n');
}

/**
 * Runs the Dapr CLI on the repository's dapr.yaml with that environment; resolves with its
 * exit code. `DAPR_CLI` names the CLI binary when it is not `dapr` on PATH.
 */
export function runDaprCli(env: Record<string, string>, args: string[]): Promise<number> {
  const cli = process.env.DAPR_CLI ?? 'dapr';
  const child = spawn(cli, ['run', '-f', join(ROOT, 'dapr.yaml'), ...args], { stdio: 'inherit', env: { ...process.env, ...env } });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve, reject) => {
    child.once('error', (error) => reject(new Error(`could not run the Dapr CLI (${cli}): ${error.message}`)));
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

/** Where `stack infra` gathers the resources Tye's Dapr extension hands to every sidecar. */
export const TYE_RESOURCES = 'tye-resources';

/**
 * Tye's Dapr extension takes one folder (`components-path`) and finds a service's
 * Configuration in it by name (`config: book` is `<folder>/book.yaml`). So the components,
 * the Resiliency and each app's Configuration are copied into one folder under .data/;
 * daprd loads the kinds it serves from it and each sidecar its own Configuration.
 */
export function writeTyeResources(data: string): string {
  const folder = join(data, TYE_RESOURCES);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  for (const source of ['components', join('dapr-config', 'resources'), join('dapr-config', 'apps')]) {
    for (const file of readdirSync(join(ROOT, source)).filter((f) => f.endsWith('.yaml'))) copyFileSync(join(ROOT, source, file), join(folder, file));
  }
  return folder;
}
