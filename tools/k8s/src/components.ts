import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '@bookstore/stack';
import { isMap, isSeq, parseDocument, YAMLMap } from 'yaml';
import { NOTIFICATIONS_SECRET, POSTGRES_SECRET, REDIS, REDIS_SECRET } from './apps';

/**
 * The Dapr components of Kubernetes, written from the local ones (components/): same names,
 * types, settings and scopes; only where a value comes from changes. Locally a sidecar reads
 * `envRef`s its launcher sets; here the operator hands each sidecar its components with
 * every `secretKeyRef` resolved from a Kubernetes Secret (auth.secretStore: kubernetes).
 */
type Source = { value: string } | { secretKeyRef: { name: string; key: string } };

/** Each local `envRef`, and where its value is on Kubernetes. An envRef missing here fails the generator. */
export const ENV_REF_SOURCES: Record<string, Source> = {
  // Not secret: the Service of the namespace the sidecar runs in.
  BOOKSTORE_REDIS_ADDR: { value: `${REDIS.host}:${REDIS.port}` },
  BOOKSTORE_REDIS_PASSWORD: { secretKeyRef: { name: REDIS_SECRET.name, key: REDIS_SECRET.password } },
  BOOKSTORE_PG_CONNECTION: { secretKeyRef: { name: POSTGRES_SECRET.name, key: POSTGRES_SECRET.connectionString } },
  // A real channel's URL carries its credentials (a webhook's token): a Secret, not a setting.
  BOOKSTORE_NOTIFICATION_SINK_URL: { secretKeyRef: { name: NOTIFICATIONS_SECRET.name, key: NOTIFICATIONS_SECRET.url } },
};

/**
 * Components whose type differs on Kubernetes. The secret store: Kubernetes Secrets, each
 * named as the runtime's SECRETS names them (one key of the same name), instead of a file.
 */
const TYPE_SWAPS: Record<string, { type: string; metadata: Array<{ name: string; value: string }> }> = {
  'secretstores.local.file': { type: 'secretstores.kubernetes', metadata: [] },
};

const HEADER = (file: string): string =>
  [` Written from components/${file} by \`npm run k8s -- generate\` (tools/k8s/src/components.ts);`, ' a test fails when the two differ. Edit the local component, not this.'].join('\n');

/** One local component file, as its Kubernetes manifest (YAML text, comments kept). */
export function kubernetesComponent(file: string, text: string): string {
  const document = parseDocument(text);
  const spec = document.get('spec') as YAMLMap;
  const swap = TYPE_SWAPS[String(spec.get('type'))];
  if (swap) {
    spec.set('type', swap.type);
    spec.set('metadata', document.createNode(swap.metadata));
  }
  const metadata = spec.get('metadata');
  if (isSeq(metadata)) {
    for (const item of metadata.items) {
      if (!isMap(item) || !item.has('envRef')) continue;
      const name = String(item.get('envRef'));
      const source = ENV_REF_SOURCES[name];
      if (!source) throw new Error(`components/${file}: envRef ${name} has no Kubernetes source in tools/k8s/src/components.ts`);
      item.delete('envRef');
      for (const [key, value] of Object.entries(source)) item.set(key, document.createNode(value));
    }
  }
  document.set('auth', document.createNode({ secretStore: 'kubernetes' }));
  document.commentBefore = [HEADER(file), document.commentBefore ?? ''].filter((c) => c !== '').join('\n');
  return document.toString({ lineWidth: 0 });
}

/** Every component of components/, in file order. */
export function kubernetesComponents(): Array<{ file: string; text: string }> {
  const dir = join(ROOT, 'components');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => ({ file, text: kubernetesComponent(file, readFileSync(join(dir, file), 'utf8')) }));
}

/** The Resiliency, as the sidecars run it locally (dapr-config/resources/resiliency.yaml). */
export function kubernetesResiliency(): string {
  const text = readFileSync(join(ROOT, 'dapr-config', 'resources', 'resiliency.yaml'), 'utf8');
  const document = parseDocument(text);
  document.commentBefore = [
    ' Copied from dapr-config/resources/resiliency.yaml by `npm run k8s -- generate`: one policy, local and on Kubernetes.',
    document.commentBefore ?? '',
  ]
    .filter((c) => c !== '')
    .join('\n');
  return document.toString({ lineWidth: 0 });
}
