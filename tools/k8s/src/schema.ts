import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * Validates manifests against the schemas the API server itself uses: Kubernetes' published
 * OpenAPI v3 documents (api/openapi-spec/v3 of the k8s.io/kubernetes module) and the Dapr
 * CRDs' openAPIV3Schema (charts/dapr/crds of the dapr module). What `kubectl apply
 * --validate=strict` checks without a cluster: every kind known, every field known (an
 * unknown one is an error, as strict field validation has it), types, required fields,
 * enums, and keys of list-maps unique (two env entries of one name). Semantic rules that
 * only the server knows (immutable fields, admission) are not checked here: a cluster's
 * `--dry-run=server` does that.
 */
export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  type?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  required?: string[];
  enum?: unknown[];
  nullable?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-group-version-kind'?: Array<{ group: string; version: string; kind: string }>;
}

/** `apps/v1 Deployment`, `v1 Service`: how a manifest names its schema. */
export const gvk = (apiVersion: string, kind: string): string => `${apiVersion} ${kind}`;

export class SchemaSet {
  private readonly definitions = new Map<string, Schema>();
  private readonly kinds = new Map<string, Schema>();

  /** Every schema of Kubernetes' OpenAPI v3 documents in `dir`. */
  addOpenApiDir(dir: string): this {
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
      const document = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { components?: { schemas?: Record<string, Schema> } };
      for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
        this.definitions.set(`#/components/schemas/${name}`, schema);
        for (const { group, version, kind } of schema['x-kubernetes-group-version-kind'] ?? []) {
          this.kinds.set(gvk(group === '' ? version : `${group}/${version}`, kind), schema);
        }
      }
    }
    return this;
  }

  /** Every served version of every CustomResourceDefinition in the YAML files of `dir`. */
  addCrdDir(dir: string): this {
    for (const file of readdirSync(dir).filter((name) => /\.ya?ml$/.test(name))) {
      for (const document of parseAllDocuments(readFileSync(join(dir, file), 'utf8'))) {
        const crd = document.toJS() as CustomResourceDefinition | null;
        if (crd?.kind !== 'CustomResourceDefinition') continue;
        for (const version of crd.spec.versions.filter((v) => v.served)) {
          this.kinds.set(gvk(`${crd.spec.group}/${version.name}`, crd.spec.names.kind), version.schema.openAPIV3Schema);
        }
      }
    }
    return this;
  }

  knows(apiVersion: string, kind: string): boolean {
    return this.kinds.has(gvk(apiVersion, kind));
  }

  /** What is wrong with one manifest, one line per problem (none: valid). */
  validate(manifest: Record<string, unknown>): string[] {
    const apiVersion = String(manifest.apiVersion);
    const kind = String(manifest.kind);
    const schema = this.kinds.get(gvk(apiVersion, kind));
    if (!schema) return [`${apiVersion} ${kind} is no kind of Kubernetes 1.34 or of the Dapr CRDs`];
    const problems: string[] = [];
    this.check(manifest, schema, kind, problems);
    return problems;
  }

  private resolve(schema: Schema): Schema {
    if (!schema.$ref) return schema;
    const target = this.definitions.get(schema.$ref);
    if (!target) throw new Error(`schema ${schema.$ref} is not in the loaded documents`);
    return target;
  }

  /** A schema and the ones its allOf names, as one list (Kubernetes uses allOf to attach a $ref). */
  private parts(schema: Schema): Schema[] {
    const own = this.resolve(schema);
    return [own, ...(own.allOf ?? []).flatMap((part) => this.parts(part))];
  }

  private check(value: unknown, schema: Schema, path: string, problems: string[]): void {
    const parts = this.parts(schema);
    if (value === null) {
      if (!parts.some((p) => p.nullable)) problems.push(`${path}: null is not allowed`);
      return;
    }
    for (const part of parts) this.checkOne(value, part, path, problems);
    this.checkFields(value, parts, path, problems);
  }

  private checkOne(value: unknown, schema: Schema, path: string, problems: string[]): void {
    if (schema['x-kubernetes-int-or-string']) {
      if (typeof value !== 'string' && !Number.isInteger(value)) problems.push(`${path}: must be an integer or a string`);
      return;
    }
    const alternatives = schema.oneOf ?? schema.anyOf;
    if (alternatives && !alternatives.some((alternative) => this.quietlyValid(value, alternative))) {
      problems.push(`${path}: matches none of ${alternatives.map((a) => this.resolve(a).type ?? '?').join(', ')}`);
    }
    if (schema.type && !hasType(value, schema.type)) problems.push(`${path}: must be ${schema.type}, is ${JSON.stringify(value)}`);
    if (schema.enum && !schema.enum.includes(value)) problems.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
    if (Array.isArray(value)) {
      if (schema.items) value.forEach((item, i) => this.check(item, schema.items!, `${path}[${i}]`, problems));
      this.checkListMapKeys(value, schema, path, problems);
    }
    if (isObject(value)) {
      for (const field of schema.required ?? []) if (!(field in value)) problems.push(`${path}: ${field} is required`);
    }
  }

  /** Fields no part of the schema declares: an error, as with strict field validation. */
  private checkFields(value: unknown, parts: Schema[], path: string, problems: string[]): void {
    if (!isObject(value) || parts.some((p) => p['x-kubernetes-preserve-unknown-fields'] && !p.properties)) return;
    const declared = parts.some((p) => p.properties || p.additionalProperties !== undefined);
    if (!declared) return; // an object whose schema says nothing of its fields (a CRD's `metadata: {type: object}`)
    for (const [field, item] of Object.entries(value)) {
      const owner = parts.find((p) => p.properties?.[field]);
      if (owner) {
        this.check(item, owner.properties![field]!, `${path}.${field}`, problems);
        continue;
      }
      const open = parts.find((p) => p.additionalProperties !== undefined && p.additionalProperties !== false);
      if (open && typeof open.additionalProperties === 'object') this.check(item, open.additionalProperties, `${path}.${field}`, problems);
      else if (!open && !parts.some((p) => p['x-kubernetes-preserve-unknown-fields'])) problems.push(`${path}.${field}: unknown field`);
    }
  }

  private checkListMapKeys(value: unknown[], schema: Schema, path: string, problems: string[]): void {
    const keys = schema['x-kubernetes-list-map-keys'];
    if (schema['x-kubernetes-list-type'] !== 'map' || !keys) return;
    const seen = new Set<string>();
    for (const item of value) {
      if (!isObject(item)) continue;
      const key = JSON.stringify(keys.map((k) => item[k] ?? null));
      if (seen.has(key)) problems.push(`${path}: two entries with ${keys.join('/')} ${key}`);
      seen.add(key);
    }
  }

  private quietlyValid(value: unknown, schema: Schema): boolean {
    const problems: string[] = [];
    this.check(value, schema, '', problems);
    return problems.length === 0;
  }
}

interface CustomResourceDefinition {
  kind: string;
  spec: {
    group: string;
    names: { kind: string };
    versions: Array<{ name: string; served: boolean; schema: { openAPIV3Schema: Schema } }>;
  };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return true;
  }
}
