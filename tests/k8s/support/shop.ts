/** The bookstore deployed on the one-node cluster (k8s/overlays/local), as its tests drive it. */
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { allReady, Shop, waitUntil } from '../../support/shop';
import { kubectl, kubectlJson, PodList } from './cluster';

const ROOT = path.resolve(__dirname, '../../..');
const STATE = process.env.BOOKSTORE_CLUSTER_DIR ?? path.join(ROOT, '.data/cluster');
export const NAMESPACE = 'bookstore';
/** k8s/overlays/local/gateway-nodeport.yaml: the gateway on 127.0.0.1 only. */
export const GATEWAY_URL = 'http://127.0.0.1:30088';

/** The local admin's password, as `npm run k8s -- secrets local` generated it. */
export function clusterAdminPassword(): string {
  const file = path.join(ROOT, 'k8s/overlays/local/.data/secrets/admin-password.env');
  const value = /^admin-password=(.+)$/m.exec(readFileSync(file, 'utf8'))?.[1];
  if (!value) throw new Error(`no admin-password in ${file}`);
  return value.trim();
}

export const clusterShop: Shop = {
  url: GATEWAY_URL,
  get adminPassword() {
    return clusterAdminPassword();
  },
  gateway: () => request(GATEWAY_URL),
};

export type Pod = PodList['items'][number];

export function appPods(app: string): Pod[] {
  return kubectlJson<{ items: Pod[] }>(['get', 'pods', '-n', NAMESPACE, '-l', `app.kubernetes.io/name=${app}`]).items;
}

const ready = (pod: Pod): boolean => !pod.metadata.deletionTimestamp && pod.status.phase === 'Running' && (pod.status.containerStatuses ?? []).every((c) => c.ready);

export function readyPods(app: string): Pod[] {
  return appPods(app).filter(ready);
}

export function rollout(kind: 'deployment' | 'statefulset', name: string, timeoutSeconds = 300): void {
  kubectl(['rollout', 'status', '-n', NAMESPACE, `${kind}/${name}`, `--timeout=${timeoutSeconds}s`]);
}

/** `kubectl rollout restart`: a rolling update of every pod, as a new image would make. */
export function rollingRestart(name: string): number {
  const started = Date.now();
  kubectl(['rollout', 'restart', '-n', NAMESPACE, `deployment/${name}`]);
  rollout('deployment', name);
  return Date.now() - started;
}

/** Sets a Deployment's replicas and waits until exactly that many pods are ready, none stopping. */
export async function scale(name: string, replicas: number, timeoutMs = 180_000): Promise<void> {
  kubectl(['scale', '-n', NAMESPACE, `deployment/${name}`, `--replicas=${replicas}`]);
  const done = await waitUntil(async () => appPods(name).length === replicas && readyPods(name).length === replicas, timeoutMs, 1_000);
  if (!done) throw new Error(`${name} did not reach ${replicas} ready pods`);
}

/** The host pid of a pod's container, from the node's containerd (the tests run on the node). */
export function containerPid(pod: Pod, container: string): number {
  const id = pod.status.containerStatuses?.find((c) => c.name === container)?.containerID?.replace(/^containerd:\/\//, '');
  if (!id) throw new Error(`no ${container} container in ${pod.metadata.name}`);
  const tasks = execFileSync('ctr', ['--address', path.join(STATE, 'containerd/containerd.sock'), '-n', 'k8s.io', 'tasks', 'ls'], { encoding: 'utf8' });
  const pid = Number(tasks.split('\n').find((line) => line.startsWith(id))?.trim().split(/\s+/)[1]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no task for container ${id}`);
  return pid;
}

export const restartsOf = (pod: Pod, container: string): number => pod.status.containerStatuses?.find((c) => c.name === container)?.restartCount ?? 0;

/** Whether the cluster's gateway reports every service ready (its /readyz). */
export const shopReady = (): Promise<boolean> => allReady(GATEWAY_URL);

const FIGURES = path.join(ROOT, 'reports', 'k8s-figures.jsonl');

/** One line per scenario, printed and kept in reports/k8s-figures.jsonl for the README. */
export function report(scenario: string, figures: Record<string, string | number>): void {
  const line = Object.entries(figures).map(([k, v]) => `${k}=${v}`).join('  ');
  process.stdout.write(`\n[k8s] ${scenario}: ${line}\n`);
  mkdirSync(path.dirname(FIGURES), { recursive: true });
  appendFileSync(FIGURES, `${JSON.stringify({ scenario, figures })}\n`);
}
