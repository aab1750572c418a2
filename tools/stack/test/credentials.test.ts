import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentialFiles, prepareCredentials, readCredentials } from '../src/credentials';
import { SERVICES } from '../src/ports';

describe('local credentials', () => {
  const data = mkdtempSync(join(tmpdir(), 'bookstore-credentials-'));
  const first = prepareCredentials(data);

  it('when the stack first starts, then every secret is random and long enough', () => {
    expect(Buffer.from(first.jwtSigningKey, 'base64url').length).toBeGreaterThanOrEqual(32);
    expect(first.adminPassword).not.toBe('admin');
    expect(first.adminPassword.length).toBeGreaterThanOrEqual(20);
    expect(first.redisPassword).not.toBe(first.postgresPassword);
    const tokens = SERVICES.flatMap((s) => [first.apps[s].daprApiToken, first.apps[s].appApiToken]);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('when it starts again, then stored secrets are kept and the API tokens are new', () => {
    const second = prepareCredentials(data);
    expect(second.jwtSigningKey).toBe(first.jwtSigningKey);
    expect(second.adminPassword).toBe(first.adminPassword);
    expect(second.postgresPassword).toBe(first.postgresPassword);
    expect(second.apps.order.daprApiToken).not.toBe(first.apps.order.daprApiToken);
    expect(readCredentials(data)).toEqual(second);
  });

  it('when the files are written, then only their owner can read them, and the admin password file is one line', () => {
    const files = credentialFiles(data);
    for (const file of [files.secretsFile, files.tokensFile, files.redisConfFile, files.adminPasswordFile]) {
      expect(statSync(file).mode & 0o077).toBe(0);
    }
    expect(statSync(join(data, 'secrets')).mode & 0o077).toBe(0);
    expect(readFileSync(files.adminPasswordFile, 'utf8')).toBe(`${first.adminPassword}\n`);
    expect(JSON.parse(readFileSync(files.secretsFile, 'utf8'))).toEqual({ 'jwt-signing-key': first.jwtSigningKey, 'admin-password': first.adminPassword });
  });
});
