import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APPS, BOOK_ACTOR_TYPE, CUSTOMER_ACTOR_TYPE, EMAIL_CLAIM_ACTOR_TYPE, SECRETS } from '@bookstore/contracts';
import { portPlan, ROOT, SERVICES, SIDECAR_HEALTH } from '@bookstore/stack';
import { configSchema as bookSchema } from '../../../services/book/src/config';
import { configSchema as customerSchema } from '../../../services/customer/src/config';
import { configSchema as customercenterSchema } from '../../../services/customercenter/src/config';
import { configSchema as deliverySchema } from '../../../services/delivery/src/config';
import { configSchema as gatewaySchema } from '../../../services/gateway/src/config';
import { configSchema as orderSchema } from '../../../services/order/src/config';
import { Overlay, OVERLAYS, prepareTools, renderOverlays } from '../src/render';
import { SchemaSet } from '../src/schema';
import { containersOf, envNames, named, referencedSecrets, Rendered } from './support/manifests';

/** Every variable each app's config.ts reads. */
const SCHEMA_KEYS: Record<string, string[]> = Object.fromEntries(
  Object.entries({ gateway: gatewaySchema, book: bookSchema, customer: customerSchema, order: orderSchema, delivery: deliverySchema, customercenter: customercenterSchema }).map(([app, schema]) => [
    app,
    Object.keys(schema.shape),
  ]),
);
const ACTOR_TYPES = [BOOK_ACTOR_TYPE, CUSTOMER_ACTOR_TYPE, EMAIL_CLAIM_ACTOR_TYPE];
const APP_IDS: string[] = Object.values(APPS);

let rendered: Record<Overlay, Rendered>;
let schemas: SchemaSet;

beforeAll(() => {
  const tools = prepareTools();
  schemas = new SchemaSet().addOpenApiDir(tools.openApiDir).addCrdDir(tools.daprCrdsDir);
  const raw = renderOverlays(tools);
  rendered = Object.fromEntries(OVERLAYS.map((o) => [o, new Rendered(raw[o])])) as Record<Overlay, Rendered>;
}, 20 * 60_000);

describe.each(OVERLAYS)('overlays/%s', (overlay) => {
  const r = (): Rendered => rendered[overlay];

  it('when rendered, then every object is a kind of Kubernetes 1.34 or of the Dapr CRDs, valid against its schema', () => {
    const problems = r().all.flatMap((m) => schemas.validate(m).map((p) => `${String(m.kind)}/${named(m)}: ${p}`));
    expect(problems).toEqual([]);
    expect(r().all.length).toBeGreaterThan(50);
  });

  it('when rendered, then everything namespaced lives in bookstore', () => {
    const clusterScoped = new Set(['Namespace', 'StorageClass', 'PersistentVolume']);
    const stray = r().all.filter((m) => !clusterScoped.has(String(m.kind)) && (m.metadata as { namespace?: string }).namespace !== 'bookstore');
    expect(stray.map(named)).toEqual([]);
  });

  it('when an app is deployed, then its app-id, port and Service match the code', () => {
    const defaults = portPlan({}).plan.services;
    for (const app of SERVICES) {
      const deployment = r().one('Deployment', app);
      const annotations = deployment.spec.template.metadata.annotations;
      const container = containersOf(deployment)[0]!;
      const port = container.ports.find((p: { name: string }) => p.name === 'http').containerPort;
      expect([annotations['dapr.io/app-id'], annotations['dapr.io/enabled']]).toEqual([APPS[app], 'true']);
      expect(APP_IDS).toContain(annotations['dapr.io/app-id']);
      expect(Number(annotations['dapr.io/app-port'])).toBe(port);
      expect(port).toBe(defaults[app].app);
      expect(r().env(container).APP_PORT).toBe(String(port));
      expect(annotations['dapr.io/config']).toBe(app);
      expect(r().one('Configuration', app)).toBeDefined();
    }
    const gateway = r().one('Service', 'gateway');
    expect(gateway.spec.ports[0].port).toBe(defaults.gateway.app);
  });

  it('when an app starts in a pod, then every variable it is given is one its config.ts reads, and the ones a pod needs are set', () => {
    for (const app of SERVICES) {
      const container = containersOf(r().one('Deployment', app))[0]!;
      const given = envNames(container, r());
      expect(given.filter((name) => !SCHEMA_KEYS[app]!.includes(name))).toEqual([]);
      const env = r().env(container);
      expect([env.NODE_ENV, env.APP_HOST]).toEqual(['production', '0.0.0.0']);
      expect(given).toEqual(expect.arrayContaining(['DAPR_API_TOKEN', 'APP_API_TOKEN']));
      // An app that reads Redis itself would otherwise look for it on 127.0.0.1:6380.
      if (SCHEMA_KEYS[app]!.includes('REDIS_HOST')) expect(given).toEqual(expect.arrayContaining(['REDIS_HOST', 'REDIS_PORT', 'REDIS_PASSWORD']));
    }
  });

  it('when the kubelet and the sidecar probe an app, then they ask paths the runtime serves without a token', () => {
    const service = readFileSync(join(ROOT, 'packages', 'runtime', 'src', 'service.ts'), 'utf8');
    const guard = service.indexOf('requireAppToken(');
    for (const app of SERVICES) {
      const deployment = r().one('Deployment', app);
      const container = containersOf(deployment)[0]!;
      const paths = [container.readinessProbe.httpGet.path, container.livenessProbe.httpGet.path, container.startupProbe.httpGet.path, deployment.spec.template.metadata.annotations['dapr.io/app-health-check-path']];
      expect(paths).toEqual(['/readyz', '/healthz', '/healthz', SIDECAR_HEALTH.path]);
      for (const path of new Set(paths)) {
        const route = service.indexOf(`app.get('${path}'`);
        expect(route).toBeGreaterThan(-1);
        expect(route).toBeLessThan(guard);
      }
    }
  });

  it('when a pod runs, then it runs as a non-root user on a read-only root filesystem, with limits', () => {
    const workloads = [...r().kind('Deployment'), ...r().kind('StatefulSet')];
    for (const workload of workloads) {
      const pod = workload.spec.template.spec;
      expect([named(workload), pod.securityContext.runAsNonRoot]).toEqual([named(workload), true]);
      for (const container of pod.containers) {
        expect([named(workload), container.securityContext.readOnlyRootFilesystem, container.securityContext.allowPrivilegeEscalation]).toEqual([named(workload), true, false]);
        expect(container.resources.limits.memory).toBeDefined();
        expect(container.resources.requests.cpu).toBeDefined();
      }
    }
  });

  it('when components load, then their scopes name real app-ids and their secrets come from the kubernetes store', () => {
    for (const component of r().kind('Component')) {
      expect(component.scopes.filter((scope: string) => !APP_IDS.includes(scope))).toEqual([]);
      expect(component.auth).toEqual({ secretStore: 'kubernetes' });
      expect(component.spec.metadata.filter((m: { envRef?: string }) => m.envRef !== undefined)).toEqual([]);
    }
    expect(r().one('Component', 'secretstore').spec.type).toBe('secretstores.kubernetes');
  });

  it('when the Resiliency applies, then its targets name real apps, actor types and components', () => {
    const [resiliency] = r().kind('Resiliency');
    const targets = resiliency.spec.targets;
    expect(Object.keys(targets.apps ?? {}).filter((app) => !APP_IDS.includes(app))).toEqual([]);
    expect(Object.keys(targets.actors ?? {}).filter((type) => !ACTOR_TYPES.includes(type))).toEqual([]);
    const components = r().kind('Component').map(named);
    expect(Object.keys(targets.components ?? {}).filter((name) => !components.includes(name))).toEqual([]);
  });

  it('when anything names a Secret, then the overlay has it, with the key asked for', () => {
    const missing = referencedSecrets(r()).filter(({ name, key }) => {
      const secret = r().find('Secret', name);
      return !secret || (key !== undefined && !(key in (secret.data ?? {})));
    });
    expect(missing).toEqual([]);
    // What the apps read through the secret store (the previous signing key only during a rotation).
    for (const name of [SECRETS.jwtSigningKey, SECRETS.adminPassword]) expect(Object.keys(r().one('Secret', name).data)).toEqual([name]);
  });

  it('when anything names a ConfigMap, then the overlay has it', () => {
    const names = r()
      .kind('Deployment')
      .flatMap((d) => containersOf(d).flatMap((c) => (c.envFrom ?? []).map((e: { configMapRef: { name: string } }) => e.configMapRef.name)));
    expect(names.filter((name) => !r().find('ConfigMap', name))).toEqual([]);
  });

  it('when the network is locked down, then everything is denied first and every app has its own allowances', () => {
    expect(r().one('NetworkPolicy', 'default-deny').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    for (const app of SERVICES) expect(r().one('NetworkPolicy', app).spec.podSelector.matchLabels).toEqual({ 'app.kubernetes.io/name': app });
  });

  it('when the shop is scaled, then gateway, order and book have an HPA and every app a PodDisruptionBudget', () => {
    expect(r().kind('HorizontalPodAutoscaler').map((h) => h.spec.scaleTargetRef.name).sort()).toEqual(['book', 'gateway', 'order']);
    expect(r().kind('PodDisruptionBudget').map(named).sort()).toEqual([...SERVICES].sort());
  });

  if (overlay === 'local') {
    it('when it runs on this machine, then no image is ever pulled and the gateway is a NodePort', () => {
      const containers = [...r().kind('Deployment'), ...r().kind('StatefulSet')].flatMap(containersOf);
      expect(containers.filter((c) => c.imagePullPolicy !== 'Never' || !c.image.startsWith('bookstore/') || !c.image.endsWith(':local')).map((c) => c.image)).toEqual([]);
      expect(r().one('Service', 'gateway').spec.type).toBe('NodePort');
      // The port the README and `cluster deploy` name; a patch that loses it leaves a random one.
      expect(r().one('Service', 'gateway').spec.ports).toEqual([expect.objectContaining({ port: 8088, nodePort: 30088 })]);
      expect(r().kind('Ingress')).toEqual([]);
    });
  } else {
    it('when it runs in production, then images come from a registry, the gateway is behind an Ingress and apps have replicas', () => {
      const apps = r().kind('Deployment').flatMap(containersOf);
      expect(apps.filter((c) => c.imagePullPolicy === 'Never' || !c.image.includes('/bookstore/')).map((c) => c.image)).toEqual([]);
      expect(r().one('Ingress', 'gateway').spec.rules[0].http.paths[0].backend.service.name).toBe('gateway');
      expect(r().kind('HorizontalPodAutoscaler').map((h) => h.spec.minReplicas)).toEqual([2, 2, 2]);
      expect(r().one('ConfigMap', 'gateway-settings').data.TRUST_PROXY).toBe('1');
    });
  }
});

describe('the schema check itself', () => {
  it('when a manifest is broken, then it says where', () => {
    const deployment = structuredClone(rendered.local.one('Deployment', 'order'));
    deployment.spec.replicass = 2;
    deployment.spec.template.spec.containers[0].ports[0].containerPort = '7003';
    delete deployment.spec.selector;
    deployment.spec.template.spec.containers[0].env.push({ name: 'APP_PORT', value: '1' });
    const problems = schemas.validate(deployment);
    expect(problems).toEqual(
      expect.arrayContaining([
        'Deployment.spec: selector is required',
        'Deployment.spec.replicass: unknown field',
        'Deployment.spec.template.spec.containers[0].env: two entries with name ["APP_PORT"]',
        'Deployment.spec.template.spec.containers[0].ports[0].containerPort: must be integer, is "7003"',
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it('when a Dapr resource is broken, then the CRD schema says so, and an unknown kind is refused', () => {
    const component = structuredClone(rendered.local.one('Component', 'pubsub'));
    component.spec.metadata[0].secretKeyRef = 'redis';
    component.spec.verison = 'v1';
    expect(schemas.validate(component)).toEqual(expect.arrayContaining([expect.stringContaining('secretKeyRef: must be object'), 'Component.spec.verison: unknown field']));
    expect(schemas.validate({ apiVersion: 'dapr.io/v1alpha1', kind: 'Componnet', metadata: { name: 'x' } })).toEqual(['dapr.io/v1alpha1 Componnet is no kind of Kubernetes 1.34 or of the Dapr CRDs']);
  });
});
