import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');

/** The stack's data folder, as tools/stack/src/paths.ts finds it. */
export function dataDir(): string {
  return resolve(process.env.BOOKSTORE_DATA_DIR ?? join(ROOT, '.data'));
}

/**
 * The JWT signing key of the running local stack, so tests can sign tokens that are wrong in
 * exactly one claim. Where local mode keeps it: the generated secret store under the data
 * folder (`secrets/secrets.json`), or, before credentials were generated, the repository's
 * dapr-config/secrets.local.json.
 */
export function jwtSigningKey(): string {
  const candidates = [join(dataDir(), 'secrets', 'secrets.json'), join(dataDir(), 'secrets.json'), join(ROOT, 'dapr-config', 'secrets.local.json')];
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    const key = (JSON.parse(readFileSync(file, 'utf8')) as { jwtSigningKey?: unknown }).jwtSigningKey;
    if (typeof key === 'string' && key !== '') return key;
  }
  throw new Error(`no jwtSigningKey in any of ${candidates.join(', ')}`);
}
