import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { credentialFiles } from './credentials';
import { postgresBinDir } from './paths';
import { PortPlan } from './ports';
import { redisCommand, waitFor } from './probes';
import { Supervisor } from './processes';

export const POSTGRES_DB = 'bookstore';
export const POSTGRES_USER = 'bookstore';

const asRoot = (): boolean => process.getuid?.() === 0;

/**
 * Redis with an append-only file synced on every write (`appendfsync always`): Redis holds
 * the books' stock and reservations (actor state) and the events in flight (streams), so a
 * crash must lose no acknowledged write; `everysec` could lose the last second of both, and
 * with it the stock invariant. The cost is one fsync per write, measured in the chaos suite.
 */
export async function startRedis(supervisor: Supervisor, plan: PortPlan, data: string, password: string): Promise<void> {
  const dir = join(data, 'redis');
  mkdirSync(dir, { recursive: true });
  // The first argument is a config file holding `requirepass` (credentials.ts), kept off `ps`.
  supervisor.start('redis', 'redis-server', [
    credentialFiles(data).redisConfFile,
    '--port',
    String(plan.redis),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--appendonly',
    'yes',
    '--appendfsync',
    'always',
    '--save',
    '',
    '--daemonize',
    'no',
    '--protected-mode',
    'yes',
  ]);
  await waitFor('redis', async () => (await redisCommand(plan.redis, password, 'PING')) === '+PONG', 30_000);
}

function chownTree(path: string, user: string): void {
  execFileSync('chown', ['-R', `${user}:${user}`, path]);
}

/** Creates the cluster on first use (as `postgres` when we are root: initdb refuses root). */
function initPostgres(bin: string, dir: string, password: string): void {
  if (existsSync(join(dir, 'PG_VERSION'))) return;
  mkdirSync(dir, { recursive: true });
  const pwfile = join(dir, '..', 'postgres-pw');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  const user = asRoot() ? 'postgres' : userInfo().username;
  if (asRoot()) {
    chownTree(dir, 'postgres');
    chownSync(pwfile, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), 0);
  }
  const args = ['-D', dir, '-U', POSTGRES_USER, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '--no-locale', '-E', 'UTF8'];
  const [file, argv] = asRoot() ? ['runuser', ['-u', user, '--', join(bin, 'initdb'), ...args]] : [join(bin, 'initdb'), args];
  execFileSync(file, argv, { stdio: 'ignore' });
  rmSync(pwfile, { force: true });
}

export async function startPostgres(supervisor: Supervisor, plan: PortPlan, data: string, password: string): Promise<void> {
  const bin = postgresBinDir();
  const dir = join(data, 'postgres');
  const socketDir = join(data, 'run', 'postgres');
  initPostgres(bin, dir, password);
  mkdirSync(socketDir, { recursive: true });
  if (asRoot()) chownTree(socketDir, 'postgres');
  supervisor.start(
    'postgres',
    join(bin, 'postgres'),
    ['-D', dir, '-p', String(plan.postgres), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socketDir}`],
    { user: asRoot() ? 'postgres' : undefined, stopSignal: 'SIGINT' },
  );
  const env = { ...process.env, PGPASSWORD: password };
  const psql = (sql: string): string =>
    execFileSync(join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(plan.postgres), '-U', POSTGRES_USER, '-d', 'postgres', '-tAc', sql], {
      env,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).toString();
  await waitFor('postgres', async () => psql('SELECT 1').trim() === '1', 60_000, 300).catch((error: unknown) => {
    throw new Error(
      `${String(error)}. If ${dir} was made before credentials were generated (a fixed local password), remove it: it holds only local test data.`,
    );
  });
  if (psql(`SELECT 1 FROM pg_database WHERE datname = '${POSTGRES_DB}'`).trim() !== '1') psql(`CREATE DATABASE ${POSTGRES_DB}`);
}

export function postgresConnectionString(plan: PortPlan, password: string): string {
  return `host=127.0.0.1 port=${plan.postgres} user=${POSTGRES_USER} password=${password} dbname=${POSTGRES_DB} sslmode=disable`;
}
