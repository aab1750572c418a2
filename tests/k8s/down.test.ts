/**
 * `npm run cluster -- down --purge` (run last by scripts/test-k8s.sh: the test cluster is
 * throwaway): every process stopped, the host as it was before `up` (interfaces, routes,
 * iptables, mounts, sysctls), and the cluster's data gone.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cluster } from './support/cluster';

const CHECK = path.resolve(__dirname, '../../scripts/cluster/check-clean.sh');

jest.setTimeout(600_000);

describe('cluster down', () => {
  it('stops everything, leaves the host as before up, and with --purge deletes the test cluster\'s data', () => {
    const down = cluster('down', '--purge');
    expect(down.output).toMatch(/host clean/);
    expect(down.status).toBe(0);
    expect(cluster('status').status).not.toBe(0);
    // The volumes hold data made with this checkout's Secrets: the next deploy starts afresh.
    expect(existsSync('/var/lib/bookstore/volumes')).toBe(false);
  });

  it('has a check that sees an interface left behind', () => {
    const check = (...args: string[]) => spawnSync('bash', [CHECK, ...args], { encoding: 'utf8', env: { ...process.env, BOOKSTORE_CLUSTER_DIR: probeState } });
    const probeState = mkdtempSync(path.join(tmpdir(), 'cluster-check-'));
    try {
      expect(check('--record').status).toBe(0);
      execFileSync('ip', ['link', 'add', 'bkprobe0', 'type', 'bridge']);
      const dirty = check();
      expect(dirty.status).not.toBe(0);
      expect(dirty.stderr).toMatch(/links differ[\s\S]*bkprobe0/);
    } finally {
      spawnSync('ip', ['link', 'delete', 'bkprobe0']);
    }
    expect(check().status).toBe(0);
    rmSync(probeState, { recursive: true, force: true });
  });
});
