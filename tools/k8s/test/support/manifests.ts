import { Manifest } from '../../src/workloads';

/** A rendered object, read field by field: YAML of many shapes, checked by the schemas first. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- YAML of many shapes, walked by tests after the schema check
export type Doc = any;

export const named = (m: Manifest): string => String((m.metadata as { name?: string } | undefined)?.name);

export function containersOf(workload: Doc): Doc[] {
  const spec = workload.spec.template.spec;
  return [...(spec.initContainers ?? []), ...spec.containers];
}

/** One overlay's objects, looked up by kind and name. */
export class Rendered {
  constructor(readonly all: Manifest[]) {}

  kind(kind: string): Doc[] {
    return this.all.filter((m) => m.kind === kind);
  }

  find(kind: string, name: string): Doc | undefined {
    return this.kind(kind).find((m) => named(m) === name);
  }

  one(kind: string, name: string): Doc {
    const found = this.find(kind, name);
    if (!found) throw new Error(`no ${kind} ${name} in the overlay`);
    return found;
  }

  /** A container's plain values: its ConfigMaps' (envFrom) then its own `env` (values only). */
  env(container: Doc): Record<string, string> {
    const fromMaps = (container.envFrom ?? []).map((e: Doc) => this.find('ConfigMap', e.configMapRef?.name)?.data ?? {});
    const own = Object.fromEntries((container.env ?? []).filter((e: Doc) => e.value !== undefined).map((e: Doc) => [e.name, e.value]));
    return Object.assign({}, ...fromMaps, own);
  }
}

/** Every variable a container is given, by `env` or through its ConfigMaps. */
export function envNames(container: Doc, rendered: Rendered): string[] {
  const fromMaps = (container.envFrom ?? []).flatMap((e: Doc) => Object.keys(rendered.find('ConfigMap', e.configMapRef?.name)?.data ?? {}));
  return [...new Set<string>([...fromMaps, ...(container.env ?? []).map((e: Doc) => e.name)])];
}

/** Every Secret something names: env, volumes, the sidecar's token annotations, Dapr components, Roles. */
export function referencedSecrets(rendered: Rendered): Array<{ by: string; name: string; key?: string }> {
  const refs: Array<{ by: string; name: string; key?: string }> = [];
  for (const workload of [...rendered.kind('Deployment'), ...rendered.kind('StatefulSet')]) {
    const by = `${workload.kind}/${named(workload)}`;
    for (const container of containersOf(workload)) {
      for (const e of container.env ?? []) if (e.valueFrom?.secretKeyRef) refs.push({ by, name: e.valueFrom.secretKeyRef.name, key: e.valueFrom.secretKeyRef.key });
      for (const e of container.envFrom ?? []) if (e.secretRef) refs.push({ by, name: e.secretRef.name });
    }
    for (const volume of workload.spec.template.spec.volumes ?? []) {
      for (const item of volume.secret?.items ?? [{ key: undefined }]) if (volume.secret) refs.push({ by, name: volume.secret.secretName, key: item.key });
    }
    const annotations = workload.spec.template.metadata.annotations ?? {};
    // The injector gives daprd key `token` of each.
    for (const annotation of ['dapr.io/api-token-secret', 'dapr.io/app-token-secret']) if (annotations[annotation]) refs.push({ by, name: annotations[annotation], key: 'token' });
  }
  for (const component of rendered.kind('Component')) {
    for (const m of component.spec.metadata ?? []) if (m.secretKeyRef) refs.push({ by: `Component/${named(component)}`, name: m.secretKeyRef.name, key: m.secretKeyRef.key });
  }
  return refs;
}
