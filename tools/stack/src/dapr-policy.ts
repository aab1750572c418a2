import { ServiceName, SERVICES } from './ports';

/**
 * Who may do what through Dapr, in one table. Each app's Dapr Configuration
 * (dapr-config/apps/<app>.yaml, written from this table by `npm run stack -- dapr-config`
 * and checked against it by a test) and the pub/sub component's scopes follow it.
 *
 * Everything not listed is refused by the sidecars themselves, whatever the apps do:
 * - accessControl: service invocation into an app is denied unless its caller is listed
 *   (callers are identified by their mTLS certificate from Sentry, so this needs mTLS);
 * - api.allowed: an app's own sidecar serves only the building blocks the app uses, so a
 *   stolen token of one app cannot read another store, publish, or reach secrets;
 * - secrets: an app reads only the named secrets.
 */
export interface Operation {
  /** Dapr's path pattern: `*` one segment, `**` any number. */
  name: string;
  httpVerb: string[];
  action: 'allow' | 'deny';
}

export interface AppPolicy {
  /** Dapr APIs this app's sidecar serves it: [name, version]. Health is always served. */
  apis: Array<[string, string]>;
  /** Secrets of `secretstore` this app may read (none: the store is denied to it). */
  secrets: string[];
  /** Apps allowed to invoke this one, and on what. */
  callers: Partial<Record<ServiceName, Operation[]>>;
}

const everything: Operation = { name: '/**', httpVerb: ['*'], action: 'allow' };
/**
 * The gateway reaches a service's public routes, never its internal ones. Order matters:
 * Dapr 1.18's operation trie answers with the first pattern that matches a path's first
 * segment, so the narrower deny must come before `/**`.
 */
const publicRoutes: Operation[] = [{ name: '/internal/**', httpVerb: ['*'], action: 'deny' }, everything];

export const POLICY: Record<ServiceName, AppPolicy> = {
  gateway: {
    apis: [
      ['invoke', 'v1.0'],
      ['secrets', 'v1.0'],
    ],
    secrets: ['jwt-signing-key', 'jwt-previous-signing-key'],
    callers: {},
  },
  book: {
    apis: [
      ['actors', 'v1.0'],
      ['state', 'v1.0'],
      ['publish', 'v1.0'],
      ['invoke', 'v1.0'],
    ],
    secrets: [],
    callers: { gateway: publicRoutes },
  },
  customer: {
    apis: [
      ['actors', 'v1.0'],
      ['state', 'v1.0'],
      ['publish', 'v1.0'],
      ['secrets', 'v1.0'],
    ],
    secrets: ['jwt-signing-key', 'admin-password'],
    callers: { gateway: publicRoutes },
  },
  order: {
    apis: [
      ['actors', 'v1.0'],
      ['state', 'v1.0'],
      ['state', 'v1.0-alpha1'],
      ['publish', 'v1.0'],
    ],
    secrets: [],
    callers: {
      gateway: publicRoutes,
      // Settling a book's holds: the book asks what became of an order (GET
      // /internal/orders/{id}/fate, the only route there). Written with `**`: in Dapr 1.18
      // a `*` matches only a path's last segment.
      book: [{ name: '/internal/orders/**', httpVerb: ['GET'], action: 'allow' }],
    },
  },
  delivery: {
    apis: [
      ['state', 'v1.0'],
      ['publish', 'v1.0'],
    ],
    secrets: [],
    callers: { gateway: publicRoutes },
  },
  customercenter: {
    apis: [['bindings', 'v1.0']],
    secrets: [],
    callers: { gateway: publicRoutes },
  },
};

/** The README's event table: who publishes each event, who subscribes to it. */
export const EVENTS: Record<string, { publisher: ServiceName; subscribers: ServiceName[] }> = {
  BookRegistered: { publisher: 'book', subscribers: ['customercenter'] },
  StockIncreased: { publisher: 'book', subscribers: ['customercenter'] },
  CustomerRegistered: { publisher: 'customer', subscribers: ['customercenter'] },
  Ordered: { publisher: 'order', subscribers: ['book', 'customer', 'delivery', 'customercenter'] },
  OutOfStocked: { publisher: 'order', subscribers: ['customercenter'] },
  OrderCancelled: { publisher: 'order', subscribers: ['book', 'customer', 'delivery', 'customercenter'] },
  DeliveryStarted: { publisher: 'delivery', subscribers: ['customercenter'] },
  DeliveryCancelled: { publisher: 'delivery', subscribers: ['customercenter'] },
};

/** A subscriber's dead letters go to its own topic; its sidecar publishes them there. */
export const deadLetterTopicOf = (app: ServiceName): string => `deadletter-${app}`;

const subscribersOf = (app: ServiceName): string[] => Object.keys(EVENTS).filter((topic) => EVENTS[topic]!.subscribers.includes(app));

/** `publishingScopes` / `subscriptionScopes` of the pub/sub component: every app listed, so none is unrestricted. */
export function pubsubScopes(): { publishing: string; subscription: string } {
  const published = (app: ServiceName): string[] => [
    ...Object.keys(EVENTS).filter((topic) => EVENTS[topic]!.publisher === app),
    ...(subscribersOf(app).length > 0 ? [deadLetterTopicOf(app)] : []),
  ];
  return {
    publishing: SERVICES.map((app) => `${app}=${published(app).join(',')}`).join(';'),
    subscription: SERVICES.map((app) => `${app}=${subscribersOf(app).join(',')}`).join(';'),
  };
}

/**
 * Where a Configuration runs: the namespace in its callers' SPIFFE identities, and how
 * sidecars find each other. The policy itself is the same everywhere.
 */
export interface DaprTarget {
  namespace: string;
  nameResolution?: Record<string, unknown>;
  /**
   * Self-hosted only: says mTLS is on, which is how the Dapr CLI (dapr.yaml, tye.yaml) knows
   * to give daprd --enable-mtls; npm start passes the flag itself. On Kubernetes the control
   * plane's own Configuration decides.
   */
  mtls?: boolean;
}

/** `npm start`: one host, no multicast, balances replicas; relative to daprd's working folder (.data/). */
export const SELF_HOSTED: DaprTarget = {
  namespace: 'default',
  nameResolution: { component: 'sqlite', version: 'v1', configuration: { connectionString: 'nameresolution.db' } },
  mtls: true,
};

/** The Dapr Configuration resource of one app. */
export function configurationOf(app: ServiceName, target: DaprTarget = SELF_HOSTED): Record<string, unknown> {
  const policy = POLICY[app];
  return {
    apiVersion: 'dapr.io/v1alpha1',
    kind: 'Configuration',
    metadata: { name: app },
    spec: {
      // Sample one request in ten. Every request still carries a `traceparent` (the apps log
      // its trace id); only sampled ones record spans. Sampling every request cost about 15 %
      // of the sidecars' CPU per order under load (measured with and without), with no
      // exporter to send the spans to; point one at Zipkin/OTLP to see them.
      tracing: { samplingRate: '0.1' },
      // `enabled` is what Dapr's CRD requires of a metric section (the API server refuses it without).
      metric: { enabled: true, http: { increasedCardinality: false } },
      ...(target.nameResolution ? { nameResolution: target.nameResolution } : {}),
      ...(target.mtls ? { mtls: { enabled: true } } : {}),
      accessControl: {
        defaultAction: 'deny',
        trustDomain: 'public',
        policies: Object.entries(policy.callers).map(([caller, operations]) => ({
          appId: caller,
          defaultAction: 'deny',
          trustDomain: 'public',
          namespace: target.namespace,
          operations,
        })),
      },
      api: { allowed: policy.apis.map(([name, version]) => ({ name, version, protocol: 'http' })) },
      // Apps without secrets have no secret store at all (the component's scopes).
      ...(policy.secrets.length > 0 ? { secrets: { scopes: [{ storeName: 'secretstore', defaultAccess: 'deny', allowedSecrets: policy.secrets }] } } : {}),
    },
  };
}

/** A small YAML writer for the shapes above (maps, lists, strings, numbers, booleans). */
export function toYaml(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return ' []';
    return value.map((item) => `\n${indent}-${toYaml(item, `${indent}  `).replace(/^\n\s*/, ' ')}`).join('');
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return ' {}';
    return entries.map(([key, item]) => `\n${indent}${key}:${toYaml(item, `${indent}  `)}`).join('');
  }
  return ` ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`;
}

export function configurationYaml(app: ServiceName): string {
  const header = [
    `# The Dapr Configuration of the ${app} sidecar. Written from tools/stack/src/dapr-policy.ts`,
    '# by `npm run stack -- dapr-config`; a test fails when the two differ. Edit the table, not this.',
  ].join('\n');
  return `${header}${toYaml(configurationOf(app))}\n`;
}
