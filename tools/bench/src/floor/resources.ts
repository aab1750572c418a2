import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FLOOR, FLOOR_ROLES, FloorRole } from './names';

/**
 * The floor's components are the shop's own files (same Redis, same PostgreSQL, same
 * pub/sub settings, whatever they become), renamed, scoped to the floor's apps, and with the
 * shop's per-app topic scopes taken out. Pure text work: tested on the real files.
 */
export function floorComponent(shopYaml: string, name: string, scopes: readonly string[], replace: Record<string, string> = {}): string {
  const lines = shopYaml.split('\n');
  const out: string[] = [];
  let skipValue = false;
  let inScopes = false;
  let nameDone = false;
  for (const line of lines) {
    if (inScopes) {
      if (/^\s+-\s/.test(line) || line.trim() === '') continue;
      inScopes = false;
    }
    if (skipValue) {
      skipValue = false;
      if (/^\s+value:/.test(line)) continue;
    }
    if (/^scopes:\s*$/.test(line)) {
      inScopes = true;
      continue;
    }
    if (/^\s+- name: (publishingScopes|subscriptionScopes|allowedTopics)\s*$/.test(line)) {
      skipValue = true;
      continue;
    }
    if (!nameDone && /^\s+name:\s*\S+\s*$/.test(line)) {
      out.push(line.replace(/name:\s*\S+/, `name: ${name}`));
      nameDone = true;
      continue;
    }
    const valueOf = /^(\s+value:\s*)(\S+)\s*$/.exec(line);
    const replaced = valueOf && replace[valueOf[2]!.replace(/"/g, '')];
    out.push(replaced ? `${valueOf![1]}${replaced}` : line);
  }
  while (out.length && out[out.length - 1]!.trim() === '') out.pop();
  return `${out.join('\n')}\nscopes:\n${scopes.map((s) => `  - ${s}`).join('\n')}\n`;
}

export function floorComponents(root: string): Record<string, string> {
  const shop = (file: string): string => readFileSync(join(root, 'components', file), 'utf8');
  const apps = FLOOR.apps;
  return {
    'statestore.yaml': floorComponent(shop('statestore.yaml'), FLOOR.state, [apps.book]),
    'orderstore.yaml': floorComponent(shop('orderstore.yaml'), FLOOR.orders, [apps.order], {
      orders: 'floor_orders',
      orders_metadata: 'floor_orders_metadata',
    }),
    'pubsub.yaml': floorComponent(shop('pubsub.yaml'), FLOOR.pubsub, [apps.order, apps.book, apps.customer, apps.delivery, apps.center]),
  };
}

/**
 * The floor's own name-resolution database (SQLite, like the shop's): six sidecars stopping
 * at once on the shop's file left the shop's sidecars without hosts for half a second.
 */
export const FLOOR_NAME_RESOLUTION = 'bench-floor-nameresolution.db';

/** Which floor app may call which (service invocation); actor calls go to floor-book. */
const CALLERS: Partial<Record<FloorRole, FloorRole>> = { order: 'edge', book: 'order' };

/** The Dapr APIs each floor app uses, as the shop's Configurations allow only those. */
const APIS: Record<FloorRole, string[]> = {
  edge: ['invoke'],
  order: ['actors', 'state', 'publish'],
  book: ['actors', 'state'],
  customer: [],
  delivery: ['publish'],
  center: [],
};

/**
 * A floor app's Configuration, built like the shop's (tools/stack/src/dapr-policy.ts):
 * tracing every request, SQLite name resolution (a file of its own), deny by default, only its callers allowed.
 */
export function floorConfiguration(role: FloorRole): string {
  const caller = CALLERS[role];
  const policies = caller
    ? `    policies:
      - appId: "${FLOOR.apps[caller]}"
        defaultAction: "deny"
        trustDomain: "public"
        namespace: "default"
        operations:
          - name: "/**"
            httpVerb:
              - "*"
            action: "allow"
`
    : '    policies: []\n';
  const apis = APIS[role].length
    ? `  api:
    allowed:
${APIS[role].map((api) => `      - name: "${api}"\n        version: "v1.0"\n        protocol: "http"`).join('\n')}
`
    : `  api:
    allowed:
      - name: "metadata"
        version: "v1.0"
        protocol: "http"
`;
  return `apiVersion: "dapr.io/v1alpha1"
kind: "Configuration"
metadata:
  name: "${FLOOR.apps[role]}"
spec:
  tracing:
    samplingRate: "1"
  metric:
    http:
      increasedCardinality: false
  nameResolution:
    component: "sqlite"
    version: "v1"
    configuration:
      connectionString: "${FLOOR_NAME_RESOLUTION}"
  accessControl:
    defaultAction: "deny"
    trustDomain: "public"
${policies}${apis}`;
}

export { FLOOR_ROLES };
