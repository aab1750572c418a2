import { SIDECAR_HEALTH } from '@bookstore/stack';
import { APP_METRICS_PORT, AppSpec, REDIS_SECRET, SHARED_SETTINGS, SHUTDOWN, SIDECAR_RESOURCES, tokenSecrets } from './apps';

/** One Kubernetes object, as the YAML writer takes it. */
export type Manifest = Record<string, unknown>;

export const SHARED_CONFIG_MAP = 'bookstore-settings';
export const settingsConfigMap = (app: string): string => `${app}-settings`;

/** The labels every object of an app carries, and the one its selectors use. */
export const labelsOf = (app: string): Record<string, string> => ({
  'app.kubernetes.io/name': app,
  'app.kubernetes.io/part-of': 'bookstore',
});
export const selectorOf = (app: string): Record<string, string> => ({ 'app.kubernetes.io/name': app });

/** The UID of the Dockerfile's USER: numeric, so runAsNonRoot can check it. */
export const APP_UID = 10001;

/** The daprd of an app, as the sidecar injector reads it. */
export function daprAnnotations(app: AppSpec): Record<string, string> {
  const tokens = tokenSecrets(app.id);
  return {
    'dapr.io/enabled': 'true',
    'dapr.io/app-id': app.id,
    'dapr.io/app-port': String(app.port),
    'dapr.io/app-protocol': 'http',
    'dapr.io/config': app.id,
    // The sidecar accepts only calls carrying the first; it sends the second to the app.
    'dapr.io/api-token-secret': tokens.daprApi,
    'dapr.io/app-token-secret': tokens.appApi,
    'dapr.io/enable-app-health-check': 'true',
    'dapr.io/app-health-check-path': SIDECAR_HEALTH.path,
    'dapr.io/app-health-probe-interval': String(SIDECAR_HEALTH.intervalSeconds),
    'dapr.io/app-health-probe-timeout': String(SIDECAR_HEALTH.timeoutMs),
    'dapr.io/app-health-threshold': String(SIDECAR_HEALTH.threshold),
    'dapr.io/graceful-shutdown-seconds': String(SIDECAR_HEALTH.gracefulShutdownSeconds),
    // A stopping pod's sidecar keeps serving (callers' calls, its app's own) until the app
    // reports unhealthy, or this passes (SHUTDOWN in apps.ts).
    'dapr.io/block-shutdown-duration': `${SHUTDOWN.blockSidecarSeconds}s`,
    'dapr.io/sidecar-cpu-request': SIDECAR_RESOURCES.cpuRequest,
    'dapr.io/sidecar-cpu-limit': SIDECAR_RESOURCES.cpuLimit,
    'dapr.io/sidecar-memory-request': SIDECAR_RESOURCES.memoryRequest,
    'dapr.io/sidecar-memory-limit': SIDECAR_RESOURCES.memoryLimit,
    'dapr.io/sidecar-seccomp-profile-type': 'RuntimeDefault',
    'dapr.io/log-as-json': 'true',
    'dapr.io/log-level': 'warn',
    // The app's own metrics (ServiceMetrics in the runtime), beside the sidecar's on 9090.
    'prometheus.io/scrape': 'true',
    'prometheus.io/port': String(APP_METRICS_PORT),
    'prometheus.io/path': '/metrics',
    // Only the `secretstore` component (scoped, with secret scopes) reads Secrets; the
    // built-in store would let any app with RBAC read any Secret of the namespace.
    'dapr.io/disable-builtin-k8s-secret-store': 'true',
  };
}

const secretEnv = (name: string, secret: string, key: string): Manifest => ({ name, valueFrom: { secretKeyRef: { name: secret, key } } });

/** The app container's environment: the names of its config.ts, nothing else. */
function envOf(app: AppSpec): Manifest[] {
  const tokens = tokenSecrets(app.id);
  return [
    { name: 'APP_PORT', value: String(app.port) },
    // The same tokens the injector gives the sidecar (key `token` of each Secret).
    secretEnv('DAPR_API_TOKEN', tokens.daprApi, 'token'),
    secretEnv('APP_API_TOKEN', tokens.appApi, 'token'),
    ...(app.redisClient ? [secretEnv('REDIS_PASSWORD', REDIS_SECRET.name, REDIS_SECRET.password)] : []),
  ];
}

function container(app: AppSpec): Manifest {
  return {
    name: app.id,
    image: `bookstore/${app.id}`,
    ports: [
      { name: 'http', containerPort: app.port, protocol: 'TCP' },
      { name: 'metrics', containerPort: APP_METRICS_PORT, protocol: 'TCP' },
    ],
    envFrom: [{ configMapRef: { name: SHARED_CONFIG_MAP } }, ...(Object.keys(app.settings).length > 0 ? [{ configMapRef: { name: settingsConfigMap(app.id) } }] : [])],
    env: envOf(app),
    resources: app.resources,
    // Up within a minute (it waits for its sidecar), then checked without mercy.
    startupProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 2, failureThreshold: 30 },
    readinessProbe: { httpGet: { path: '/readyz', port: 'http' }, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 2 },
    // A hung app gets no drain: it serves nothing anyway, and the pod's 50 s would only delay it.
    livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3, terminationGracePeriodSeconds: 10 },
    // Endpoints are removed while the old pod still serves: nothing is sent to a closed port.
    lifecycle: { preStop: { sleep: { seconds: SHUTDOWN.preStopSeconds } } },
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    },
    volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
  };
}

export function deployment(app: AppSpec): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: app.id, labels: labelsOf(app.id) },
    spec: {
      // An autoscaled app's count is the HPA's: an apply must not reset it.
      ...(app.autoscaled ? {} : { replicas: 1 }),
      revisionHistoryLimit: 3,
      selector: { matchLabels: selectorOf(app.id) },
      // A new pod is ready before an old one goes: rolling updates without a gap.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels: labelsOf(app.id), annotations: daprAnnotations(app) },
        spec: {
          serviceAccountName: app.id,
          // Service links would set REDIS_PORT=tcp://… in every pod: the apps read that name.
          enableServiceLinks: false,
          terminationGracePeriodSeconds: SHUTDOWN.terminationGraceSeconds,
          securityContext: { runAsNonRoot: true, runAsUser: APP_UID, runAsGroup: APP_UID, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [container(app)],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
        },
      },
    },
  };
}

export function serviceAccount(app: AppSpec): Manifest {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: app.id, labels: labelsOf(app.id) } };
}

export function settings(apps: AppSpec[]): Manifest[] {
  const shared = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: SHARED_CONFIG_MAP, labels: { 'app.kubernetes.io/part-of': 'bookstore' } }, data: SHARED_SETTINGS };
  const own = apps
    .filter((app) => Object.keys(app.settings).length > 0)
    .map((app) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: settingsConfigMap(app.id), labels: labelsOf(app.id) }, data: app.settings }));
  return [shared, ...own];
}

/** The gateway is the only app with a Service of its own: the others are reached through Dapr. */
export function gatewayService(app: AppSpec): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: app.id, labels: labelsOf(app.id) },
    spec: { selector: selectorOf(app.id), ports: [{ name: 'http', port: app.port, targetPort: 'http', protocol: 'TCP' }] },
  };
}

export function autoscaler(app: AppSpec): Manifest {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: app.id, labels: labelsOf(app.id) },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: app.id },
      minReplicas: 1,
      maxReplicas: 4,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
      behavior: app.autoscaled === 'actor-host' ? ACTOR_HOST_SCALING : STATELESS_SCALING,
    },
  };
}

/** Out at once under load; back in slowly, so a pause in traffic does not drop capacity. */
const STATELESS_SCALING = { scaleDown: { stabilizationWindowSeconds: 120 } };

/**
 * A pod that joins or leaves an actor host moves a share of its actors: their calls wait for
 * the new placement table, and those in flight to a leaving pod fail and are retried by their
 * callers. So out only on load that lasts a minute, one pod a minute; in after five quiet
 * minutes, one pod every two.
 */
const ACTOR_HOST_SCALING = {
  scaleUp: { stabilizationWindowSeconds: 60, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] },
  scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Pods', value: 1, periodSeconds: 120 }] },
};

export function disruptionBudget(app: AppSpec): Manifest {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: app.id, labels: labelsOf(app.id) },
    // One pod at a time: a drain never empties an app that has more than one.
    spec: { maxUnavailable: 1, selector: { matchLabels: selectorOf(app.id) } },
  };
}
