/**
 * The one-node cluster (npm run cluster): from `up` state, the node and Dapr's control plane
 * run, an annotated Deployment gets its daprd with mTLS through sentry, service invocation
 * crosses two sidecars, and a NodePort answers on 127.0.0.1 only. (tests/k8s/down.test.ts,
 * run last by scripts/test-k8s.sh, checks that `down` leaves no trace.)
 * Needs root and the cluster's build (the first `up` builds it, ~30 min on 2 cores).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { cluster, eventually, fixture, kubectl, kubectlJson, PodList } from './support/cluster';

const STATE = process.env.BOOKSTORE_CLUSTER_DIR ?? path.resolve(__dirname, '../../.data/cluster');
const NODE_PORT = 31500;
const CONTROL_PLANE = ['dapr-operator', 'dapr-sidecar-injector', 'dapr-sentry', 'dapr-placement-server', 'dapr-scheduler-server'];

jest.setTimeout(600_000);

function podsOf(namespace: string, selector?: string): PodList['items'] {
  return kubectlJson<PodList>(['get', 'pods', '-n', namespace, ...(selector ? ['-l', selector] : [])]).items;
}

const allReady = (pod: PodList['items'][number]): boolean =>
  pod.status.phase === 'Running' && (pod.status.containerStatuses ?? []).every((c) => c.ready);

/** Listening sockets of the cluster's host processes (ours by pid file), as "address:port". */
function hostListeners(): string[] {
  const pids = new Set(readdirSync(path.join(STATE, 'pids')).map((f) => readFileSync(path.join(STATE, 'pids', f), 'utf8').trim()));
  const lines = execFileSync('ss', ['-H', '-l', '-n', '-t', '-u', '-p'], { encoding: 'utf8' }).split('\n');
  return lines
    .filter((line) => [...line.matchAll(/pid=(\d+)/g)].some((m) => pids.has(m[1] ?? '')))
    .map((line) => line.trim().split(/\s+/)[4] ?? line);
}

function nonLoopbackAddress(): string | undefined {
  return Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal && !a.address.startsWith('198.1'))?.address;
}

// A first `up` on a fresh machine builds everything (about 45 min on 2 cores).
const FIRST_UP_MS = 80 * 60_000;

beforeAll(() => {
  const up = cluster('up');
  if (up.status !== 0) throw new Error(`cluster up failed:\n${up.output}`);
  process.stderr.write(up.output.split('\n').filter((l) => /Ready|memory|first build/.test(l)).join('\n') + '\n');
}, FIRST_UP_MS);

describe('the cluster', () => {
  it('has its node Ready', () => {
    const node = kubectlJson<{ status: { conditions: Array<{ type: string; status: string }> } }>(['get', 'node', 'bookstore']);
    expect(node.status.conditions.find((c) => c.type === 'Ready')?.status).toBe('True');
  });

  it('runs Dapr\'s control plane, every pod Running and ready', () => {
    const pods = podsOf('dapr-system');
    for (const component of CONTROL_PLANE) {
      const mine = pods.filter((p) => p.metadata.name.startsWith(component));
      expect({ component, running: mine.length > 0 && mine.every(allReady) }).toEqual({ component, running: true });
    }
  });

  it('listens on loopback and the node\'s dummy address only', () => {
    const listeners = hostListeners();
    expect(listeners.length).toBeGreaterThan(5);
    expect(listeners.filter((l) => !/^(127\.0\.0\.1|198\.19\.255\.1|\[::1\]):\d+$/.test(l))).toEqual([]);
  });
});

describe('a Dapr app pair on the cluster', () => {
  beforeAll(async () => {
    const image = kubectl(['get', 'deployment', 'coredns', '-n', 'kube-system', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']);
    kubectl(['apply', '-f', '-'], fixture('invocation.yaml', { COREDNS_IMAGE: image }));
    for (const app of ['caller', 'callee']) kubectl(['rollout', 'status', '-n', 'cluster-test', `deployment/${app}`, '--timeout=240s']);
  });

  afterAll(() => {
    kubectl(['delete', 'namespace', 'cluster-test', '--wait=false']);
  });

  it('gets a daprd sidecar injected, with a workload certificate from sentry (mTLS)', () => {
    const [pod] = podsOf('cluster-test', 'app=callee');
    if (!pod) throw new Error('no callee pod');
    expect(pod.spec.containers.map((c) => c.name).sort()).toEqual(['app', 'daprd']);
    const logs = kubectl(['logs', '-n', 'cluster-test', pod.metadata.name, '-c', 'daprd']);
    // The sidecar fetched its SPIFFE identity (an X.509 SVID) from sentry, and did not skip it.
    expect(logs).toMatch(/Security is initialized successfully/);
    expect(logs).not.toMatch(/mTLS is disabled/);
    const mtls = kubectl(['get', 'configurations.dapr.io', 'daprsystem', '-n', 'dapr-system', '-o', 'jsonpath={.spec.mtls.enabled}']);
    expect(mtls).toBe('true');
  });

  it('invokes the callee through both sidecars, from a NodePort on 127.0.0.1', async () => {
    const response = await eventually('invocation', 60_000, async () => {
      const r = await fetch(`http://127.0.0.1:${NODE_PORT}/v1.0/invoke/callee/method/health`, { signal: AbortSignal.timeout(5_000) });
      return r.status === 200 ? r : undefined;
    });
    expect((await response.text()).trim()).toBe('OK');
  });

  it('does not answer the NodePort on the machine\'s own network address', async () => {
    const address = nonLoopbackAddress();
    expect(address).toBeDefined();
    const reached = await fetch(`http://${address}:${NODE_PORT}/v1.0/healthz`, { signal: AbortSignal.timeout(3_000) }).then(
      () => true,
      () => false,
    );
    expect(reached).toBe(false);
  });
});
