import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configurationOf, POLICY, ROOT, SERVICES } from '@bookstore/stack';
import { parse, stringify } from 'yaml';
import { networkPolicies, secretReaders } from './access';
import { APP_SPECS, NAMESPACE } from './apps';
import { kubernetesComponents, kubernetesResiliency } from './components';
import { autoscaler, deployment, disruptionBudget, gatewayService, Manifest, serviceAccount, settings } from './workloads';

/**
 * Every manifest that derives from the code, as files under k8s/ (path → text). Written by
 * `npm run k8s -- generate`; a unit test fails when the committed files differ from these.
 */
export const GENERATED_DIR = join('k8s', 'base', 'generated');

const header = (what: string): string =>
  `# ${what}\n# Written by \`npm run k8s -- generate\` (tools/k8s) from the code's own tables; a test fails\n# when this file differs from what it writes. Edit the source, not this.\n`;

const documents = (manifests: Manifest[]): string => manifests.map((m) => stringify(m, { lineWidth: 0 })).join('---\n');

const secretStoreUsers = SERVICES.filter((app) => POLICY[app].secrets.length > 0);
const redisClients = APP_SPECS.filter((app) => app.redisClient).map((app) => app.id);

/** Helm values for Dapr's chart: the version of the runtime, and Sentry's mTLS settings as local runs have them. */
function daprValues(): string {
  const { DAPR_RUNTIME_VERSION } = Object.fromEntries(
    readFileSync(join(ROOT, 'tools', 'dapr-runtime', 'versions.env'), 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => line.split('=') as [string, string]),
  );
  const sentry = parse(readFileSync(join(ROOT, 'dapr-config', 'sentry.yaml'), 'utf8')) as { spec: { mtls: Record<string, unknown> } };
  const values = {
    global: {
      tag: DAPR_RUNTIME_VERSION,
      logAsJson: true,
      mtls: sentry.spec.mtls,
    },
    // The bookstore namespace enforces Pod Security "restricted": the injected daprd must
    // drop every capability, as the apps' containers do (found on this machine's cluster:
    // without it no app pod is admitted).
    dapr_sidecar_injector: { sidecarDropALLCapabilities: true },
  };
  return `${header('Values for the Dapr Helm chart (k8s/README.md): the runtime pinned in tools/dapr-runtime/versions.env, mTLS as dapr-config/sentry.yaml.')}${stringify(values)}`;
}

export function generatedFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const put = (name: string, what: string, manifests: Manifest[]): void => void files.set(join(GENERATED_DIR, name), `${header(what)}${documents(manifests)}`);
  put('apps.yaml', 'Each app: its service account, settings, Deployment (with its daprd annotations); the gateway Service.', [
    ...APP_SPECS.map(serviceAccount),
    ...settings(APP_SPECS),
    ...APP_SPECS.map(deployment),
    gatewayService(APP_SPECS.find((app) => app.id === 'gateway')!),
  ]);
  put('scaling.yaml', 'HPAs (gateway, order, book) and a PodDisruptionBudget per app.', [
    ...APP_SPECS.filter((app) => app.autoscaled).map(autoscaler),
    ...APP_SPECS.map(disruptionBudget),
  ]);
  put('dapr-configurations.yaml', "Each app's Dapr Configuration, from tools/stack/src/dapr-policy.ts (the local ones' table).", SERVICES.map((app) => configurationOf(app, { namespace: NAMESPACE })));
  put('network-policies.yaml', 'Deny by default; allow what the Dapr policy and the components need.', networkPolicies(redisClients, secretStoreUsers));
  put('rbac.yaml', 'The kubernetes secret store reads only the Secrets each Configuration allows.', secretReaders(secretStoreUsers));
  files.set(join(GENERATED_DIR, 'dapr-components.yaml'), kubernetesComponents().map(({ text }) => text).join('---\n'));
  files.set(join(GENERATED_DIR, 'dapr-resiliency.yaml'), kubernetesResiliency());
  files.set(join('k8s', 'dapr-values.yaml'), daprValues());
  return files;
}
