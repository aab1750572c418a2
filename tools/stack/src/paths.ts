import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root (this file is tools/stack/dist/paths.js). */
export const ROOT = resolve(__dirname, '..', '..', '..');

export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.BOOKSTORE_DATA_DIR ?? join(ROOT, '.data'));
}

export interface RuntimeBinaries {
  daprd: string;
  placement: string;
  scheduler: string;
  sentry: string;
  version: string;
}

/** The Dapr binaries scripts/dapr-runtime.sh settled on (for this data folder, or the default one). */
export function runtimeBinaries(data: string): RuntimeBinaries {
  const file = [join(data, 'dapr-runtime.env'), join(ROOT, '.data', 'dapr-runtime.env')].find(existsSync);
  if (!file) throw new Error(`${join(data, 'dapr-runtime.env')} is missing: run scripts/dapr-runtime.sh (npm start does)`);
  const values = Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { daprd: values.DAPRD!, placement: values.PLACEMENT!, scheduler: values.SCHEDULER!, sentry: values.SENTRY!, version: values.DAPR_RUNTIME_VERSION! };
}

/** PostgreSQL's server binaries: Debian keeps them per major version under /usr/lib/postgresql. */
export function postgresBinDir(): string {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) throw new Error('PostgreSQL is not installed: run scripts/infra-install.sh (npm start does)');
  const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'postgres')));
  versions.sort((a, b) => Number(b) - Number(a));
  if (!versions[0]) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql');
  return join(base, versions[0], 'bin');
}
