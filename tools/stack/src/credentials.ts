import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from './paths';
import { SERVICES, ServiceName } from './ports';

/**
 * Local mode's credentials. Nothing usable is in the repository: every secret is made here
 * from the system's random source, kept under the data folder (mode 0600 in a 0700 folder).
 *
 * - Kept across runs (made on first start): the JWT signing key and the admin password
 *   (the Dapr secret store's file), the Redis password and the PostgreSQL password; the
 *   stores' data was written under them.
 * - Fresh on every run: each sidecar's Dapr API token and each app's app API token.
 *
 * On Kubernetes, the same values come from Secrets (k8s/); the services do not change.
 */
export interface AppTokens {
  /** What the app sends its sidecar (`dapr-api-token`); the sidecar refuses any call without it. */
  daprApiToken: string;
  /** What the sidecar sends the app; the app refuses any call without it. */
  appApiToken: string;
}

export interface Credentials {
  adminPassword: string;
  jwtSigningKey: string;
  redisPassword: string;
  postgresPassword: string;
  apps: Record<ServiceName, AppTokens>;
}

export interface CredentialFiles {
  /** The Dapr local-file secret store (jwt-signing-key, admin-password: the runtime's SECRETS). */
  secretsFile: string;
  /** One line: the local admin's password, for people (npm start prints it). */
  adminPasswordFile: string;
  /** This run's tokens; tests read them to prove what a token-less caller cannot do. */
  tokensFile: string;
  redisConfFile: string;
}

const secret = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export function credentialFiles(data: string): CredentialFiles {
  const dir = join(data, 'secrets');
  return {
    secretsFile: join(dir, 'secrets.json'),
    adminPasswordFile: join(data, 'admin-password'),
    tokensFile: join(dir, 'tokens.json'),
    redisConfFile: join(dir, 'redis.conf'),
  };
}

function writePrivate(file: string, text: string): void {
  writeFileSync(file, text, { mode: 0o600 });
  chmodSync(file, 0o600); // an existing file keeps its mode on write
}

/** A value kept in `file`, made by `make` the first time. */
function kept(file: string, make: () => string): string {
  if (existsSync(file)) {
    const value = readFileSync(file, 'utf8').trim();
    if (value) return value;
  }
  const value = make();
  writePrivate(file, `${value}\n`);
  return value;
}

/** Makes what is missing and this run's tokens; answers every credential of the run. */
export function prepareCredentials(data: string): Credentials {
  const dir = join(data, 'secrets');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const files = credentialFiles(data);
  const stores = {
    jwtSigningKey: kept(join(dir, 'jwt-signing-key'), () => secret(48)),
    adminPassword: kept(files.adminPasswordFile, () => secret(18)),
    redisPassword: kept(join(dir, 'redis-password'), () => secret(32)),
    postgresPassword: kept(join(dir, 'postgres-password'), () => secret(32)),
  };
  writePrivate(files.secretsFile, JSON.stringify({ 'jwt-signing-key': stores.jwtSigningKey, 'admin-password': stores.adminPassword }, null, 2));
  // requirepass in a file, not on the command line, where `ps` would show it.
  writePrivate(files.redisConfFile, `requirepass ${stores.redisPassword}\n`);
  const apps = Object.fromEntries(SERVICES.map((name) => [name, { daprApiToken: secret(), appApiToken: secret() }])) as Record<ServiceName, AppTokens>;
  writePrivate(files.tokensFile, JSON.stringify(apps, null, 2));
  return { ...stores, apps };
}

/** The credentials of the stack running on this data folder (for tests and tools). */
export function readCredentials(data: string = dataDir()): Credentials {
  const dir = join(data, 'secrets');
  const files = credentialFiles(data);
  const read = (file: string): string => readFileSync(file, 'utf8').trim();
  return {
    jwtSigningKey: read(join(dir, 'jwt-signing-key')),
    adminPassword: read(files.adminPasswordFile),
    redisPassword: read(join(dir, 'redis-password')),
    postgresPassword: read(join(dir, 'postgres-password')),
    apps: JSON.parse(read(files.tokensFile)) as Record<ServiceName, AppTokens>,
  };
}
