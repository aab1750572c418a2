import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICES } from '@bookstore/stack';
import { NOTIFICATIONS_SECRET, POSTGRES, POSTGRES_SECRET, REDIS_SECRET, tokenSecrets } from './apps';

/**
 * The Secrets of an overlay, as the env files its secretGenerator reads
 * (<overlay>/.data/secrets/<name>.env, git-ignored). Nothing real is committed: the values
 * are made here from the system's random source on first use and kept (mode 0600), as
 * `npm start` keeps its own (tools/stack/src/credentials.ts). A file that exists is kept,
 * so a re-apply does not change a password the stores were initialised with.
 */
const secret = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** Where notifications go: the overlay's sink locally; a real channel's URL (with its token) elsewhere. */
const LOCAL_NOTIFICATIONS_URL = 'http://notification-sink:7010/notifications';

/** Each Secret's keys, made from fresh random values (the runtime's SECRETS names two of them). */
export const secretFiles = (notificationsUrl: string): Record<string, () => Record<string, string>> => ({
  'jwt-signing-key': () => ({ 'jwt-signing-key': secret(48) }),
  'admin-password': () => ({ 'admin-password': secret(18) }),
  [REDIS_SECRET.name]: () => {
    const password = secret();
    // redis-server reads its password from this file, never from its command line.
    return { [REDIS_SECRET.password]: password, [REDIS_SECRET.config]: `requirepass ${password}` };
  },
  [POSTGRES_SECRET.name]: () => {
    const password = secret();
    const connection = `host=${POSTGRES.host} port=${POSTGRES.port} user=${POSTGRES.user} password=${password} dbname=${POSTGRES.database} sslmode=disable`;
    return { [POSTGRES_SECRET.password]: password, [POSTGRES_SECRET.connectionString]: connection };
  },
  [NOTIFICATIONS_SECRET.name]: () => ({ [NOTIFICATIONS_SECRET.url]: notificationsUrl }),
  ...Object.fromEntries(
    SERVICES.flatMap((app) => Object.values(tokenSecrets(app)).map((name) => [name, (): Record<string, string> => ({ token: secret() })])),
  ),
});

/** Writes what is missing; answers the folder. */
export function writeOverlaySecrets(overlay: string, notificationsUrl = process.env.BOOKSTORE_NOTIFICATIONS_URL ?? LOCAL_NOTIFICATIONS_URL): string {
  const dir = join(overlay, '.data', 'secrets');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  for (const [name, make] of Object.entries(secretFiles(notificationsUrl))) {
    const file = join(dir, `${name}.env`);
    if (existsSync(file) && readFileSync(file, 'utf8').trim() !== '') continue;
    const lines = Object.entries(make()).map(([key, value]) => `${key}=${value}`);
    writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  }
  return dir;
}
