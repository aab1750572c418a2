import { POLICY, ServiceName, SERVICES } from '@bookstore/stack';
import { parse } from 'yaml';
import { APP_METRICS_PORT, METRICS_SCRAPERS, POSTGRES, REDIS } from './apps';
import { kubernetesComponents } from './components';
import { labelsOf, Manifest, selectorOf } from './workloads';

/**
 * Who may reach whom on the network, derived from the same tables as Dapr's own access
 * control: NetworkPolicies deny everything, then allow what each app's sidecar is for.
 * They are the second wall; the first is mTLS with each app's Configuration.
 */

/** Dapr's sidecar-to-sidecar port (service invocation, actor calls): daprd's default. */
export const DAPR_INTERNAL_PORT = 50002;

/**
 * Actor calls cross sidecars too, and Dapr's access control does not cover them: the order
 * reserves stock on BookActor (hosted by book). Every actor host also calls its own actors
 * on its other replicas, which `callersOf` adds for every app.
 */
const ACTOR_CLIENTS: Partial<Record<ServiceName, ServiceName[]>> = { book: ['order'] };

/** Apps whose sidecar accepts calls from `app`'s: the policy's callers, actor clients, its replicas. */
export function callersOf(app: ServiceName): ServiceName[] {
  const callers = new Set<ServiceName>([app, ...(Object.keys(POLICY[app].callers) as ServiceName[]), ...(ACTOR_CLIENTS[app] ?? [])]);
  return SERVICES.filter((s) => callers.has(s));
}

const calleesOf = (app: ServiceName): ServiceName[] => SERVICES.filter((other) => callersOf(other).includes(app));

/** Which apps reach each store: the scopes of its components, and the apps that use Redis directly. */
export function storeUsers(redisClients: ServiceName[]): { redis: ServiceName[]; postgres: ServiceName[] } {
  const redis = new Set<ServiceName>(redisClients);
  const postgres = new Set<ServiceName>();
  for (const { text } of kubernetesComponents()) {
    const component = parse(text) as { spec: { type: string }; scopes?: ServiceName[] };
    const users = component.scopes ?? [...SERVICES];
    if (/^(state|pubsub)\.redis$/.test(component.spec.type)) users.forEach((u) => redis.add(u));
    if (component.spec.type === 'state.postgresql') users.forEach((u) => postgres.add(u));
  }
  return { redis: SERVICES.filter((s) => redis.has(s)), postgres: SERVICES.filter((s) => postgres.has(s)) };
}

const pods = (apps: readonly string[]): Manifest => ({
  podSelector: { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: [...apps] }] },
});
const tcp = (port: number): Manifest => ({ protocol: 'TCP', port });
const policy = (name: string, spec: Manifest): Manifest => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, labels: { 'app.kubernetes.io/part-of': 'bookstore' } },
  spec,
});

export function networkPolicies(redisClients: ServiceName[], apiServerUsers: ServiceName[]): Manifest[] {
  const users = storeUsers(redisClients);
  const perApp = SERVICES.map((app) => {
    const ingress: Manifest[] = [{ from: [pods(callersOf(app))], ports: [tcp(DAPR_INTERNAL_PORT)] }];
    // The public edge: the Ingress controller or the NodePort, from wherever they are.
    if (app === 'gateway') ingress.push({ ports: [{ protocol: 'TCP', port: 'http' }] });
    // Metrics, for a scraper in a namespace labelled for it, and nothing else.
    ingress.push({ from: [{ namespaceSelector: { matchLabels: METRICS_SCRAPERS } }], ports: [tcp(APP_METRICS_PORT)] });
    const egress: Manifest[] = [];
    const callees = calleesOf(app);
    if (callees.length > 0) egress.push({ to: [pods(callees)], ports: [tcp(DAPR_INTERNAL_PORT)] });
    if (users.redis.includes(app)) egress.push({ to: [pods(['redis'])], ports: [tcp(REDIS.port)] });
    if (users.postgres.includes(app)) egress.push({ to: [pods(['postgres'])], ports: [tcp(POSTGRES.port)] });
    return policy(app, { podSelector: { matchLabels: selectorOf(app) }, policyTypes: ['Ingress', 'Egress'], ingress, egress });
  });
  return [
    policy('default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    policy('dns', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [{ protocol: 'UDP', port: 53 }, tcp(53)],
        },
      ],
    }),
    // Sentry (certificates), placement, scheduler, operator (components): every sidecar dials them.
    policy('dapr-control-plane', {
      ...pods(SERVICES),
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'dapr-system' } } }] }],
    }),
    // The kubernetes secret store reads Secrets from the API server. Its address is the
    // cluster's: the overlays narrow this to it.
    policy('api-server', {
      ...pods(apiServerUsers),
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [tcp(443), tcp(6443)] }],
    }),
    ...perApp,
    policy('redis', { podSelector: { matchLabels: selectorOf('redis') }, policyTypes: ['Ingress'], ingress: [{ from: [pods(users.redis)], ports: [tcp(REDIS.port)] }] }),
    policy('postgres', { podSelector: { matchLabels: selectorOf('postgres') }, policyTypes: ['Ingress'], ingress: [{ from: [pods(users.postgres)], ports: [tcp(POSTGRES.port)] }] }),
  ];
}

/** Each secret store user's service account may read exactly the Secrets its Configuration allows. */
export function secretReaders(apps: ServiceName[]): Manifest[] {
  return apps.flatMap((app) => [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: `${app}-secret-reader`, labels: labelsOf(app) },
      rules: [{ apiGroups: [''], resources: ['secrets'], resourceNames: POLICY[app].secrets, verbs: ['get'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: `${app}-secret-reader`, labels: labelsOf(app) },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `${app}-secret-reader` },
      subjects: [{ kind: 'ServiceAccount', name: app }],
    },
  ]);
}
