/**
 * The shop on the one-node cluster: `npm run cluster -- deploy` builds the images, imports
 * them and applies k8s/overlays/local; every app runs with its injected daprd; the original's
 * seed walkthrough runs through the gateway's NodePort. (The API suite follows, run by
 * scripts/test-k8s.sh against the same gateway; then tests/k8s/operations.test.ts.)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cluster } from './support/cluster';
import { appPods, clusterAdminPassword, GATEWAY_URL, readyPods, shopReady } from './support/shop';
import { waitUntil } from '../support/shop';

const ROOT = path.resolve(__dirname, '../..');
const APPS = ['gateway', 'book', 'customer', 'order', 'delivery', 'customercenter'];

jest.setTimeout(120_000);

let deploySeconds = 0;
beforeAll(() => {
  const started = Date.now();
  const deploy = cluster('deploy');
  // The whole output is kept; the error carries its end, where deploy says what failed.
  mkdirSync(path.join(ROOT, 'reports'), { recursive: true });
  writeFileSync(path.join(ROOT, 'reports/k8s-deploy.log'), deploy.output);
  if (deploy.status !== 0) throw new Error(`cluster deploy failed (whole output in reports/k8s-deploy.log):\n${deploy.output.split('\n').slice(-40).join('\n')}`);
  deploySeconds = Math.round((Date.now() - started) / 1000);
  process.stderr.write(`deployed in ${deploySeconds}s\n`);
}, 1_800_000);

describe('the shop deployed on the cluster', () => {
  it('runs every app in one ready pod, beside the daprd the injector gave it', () => {
    for (const app of APPS) {
      const pods = appPods(app);
      expect({ app, ready: readyPods(app).length }).toEqual({ app, ready: 1 });
      expect({ app, containers: pods[0]?.spec.containers.map((c) => c.name).sort() }).toEqual({ app, containers: [app, 'daprd'].sort() });
    }
  });

  it('answers on the gateway\'s NodePort with every service ready', async () => {
    expect(await waitUntil(shopReady, 60_000, 1_000)).toBe(true);
  });

  it('replays the original\'s walkthrough through the cluster\'s gateway', () => {
    const demo = spawnSync('node', [path.join(ROOT, 'tools/stack/dist/demo.js')], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 110_000,
      env: { ...process.env, BOOKSTORE_GATEWAY_URL: GATEWAY_URL, BOOKSTORE_ADMIN_PASSWORD: clusterAdminPassword() },
    });
    if (demo.status !== 0) process.stdout.write(`${demo.stdout}\n${demo.stderr}\n`);
    expect(demo.stdout).toMatch(/The walkthrough ran clean\./);
    expect(demo.stdout).toMatch(/GOLD/);
    expect(demo.status).toBe(0);
  });
});
