import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { OPERATIONS, PROBLEM_TYPES, ProblemType, problemsOf } from '@bookstore/contracts';
import { openApiDocument } from '../src/domain/openapi';
import { PUBLIC_ROUTES } from '../src/domain/routing';

const ROOT = join(__dirname, '..', '..', '..');
const document = openApiDocument('test') as {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema?: object; examples?: Record<string, unknown> }> }> }>>;
};

/** Every `.ts` file under a folder. */
function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Problems an app's code answers with: `problem(status, 'type'` (and the runtime's OVERLOADED). */
function problemsIn(folder: string): Array<{ file: string; status: number; type: string }> {
  return sources(folder).flatMap((file) => {
    const text = readFileSync(file, 'utf8').replace(/problem\(\s*(\d{3}),\s*OVERLOADED/g, "problem($1, 'overloaded'");
    return [...text.matchAll(/problem\(\s*(\d{3}),\s*'([a-z-]+)'/g)].map(([, status, type]) => ({
      file: relative(ROOT, file),
      status: Number(status),
      type: type!,
    }));
  });
}

/**
 * Problems the public API can never carry: the actor host answers its own sidecar
 * (actor calls come from services, never from the gateway).
 */
const NOT_PUBLIC = new Set(['actor-error']);

const SERVICES = ['book', 'customer', 'order', 'delivery', 'customercenter'] as const;

describe('the OpenAPI document', () => {
  it('when generated, then it is OpenAPI 3.1 and every schema in it compiles as JSON Schema 2020-12', () => {
    expect(document.openapi).toBe('3.1.0');
    const ajv = addFormats(new Ajv2020({ strict: false }));
    let schemas = 0;
    for (const methods of Object.values(document.paths)) {
      for (const operation of Object.values(methods)) {
        for (const response of Object.values(operation.responses)) {
          for (const media of Object.values(response.content)) {
            if (media.schema && !('$ref' in media.schema)) {
              ajv.compile(media.schema);
              schemas += 1;
            }
          }
        }
      }
    }
    expect(schemas).toBeGreaterThan(20);
  });

  it('when compared with the routing table, then every route the gateway answers is in it, and nothing else', () => {
    const documented = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(PUBLIC_ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  it("when an operation's problems are listed, then each is under its status with its type as an example", () => {
    for (const operation of OPERATIONS) {
      const responses = document.paths[operation.path]![operation.method.toLowerCase()]!.responses;
      for (const type of problemsOf(operation)) {
        const examples = responses[String(PROBLEM_TYPES[type])]?.content['application/problem+json']?.examples ?? {};
        expect({ operation: `${operation.method} ${operation.path}`, type, listed: type in examples }).toEqual({
          operation: `${operation.method} ${operation.path}`,
          type,
          listed: true,
        });
      }
    }
  });
});

describe('the problems in the document and in the code', () => {
  const emitted = [
    ...problemsIn(join(ROOT, 'packages', 'runtime', 'src')),
    ...['gateway', ...SERVICES].flatMap((app) => problemsIn(join(ROOT, 'services', app, 'src'))),
  ].filter((p) => !NOT_PUBLIC.has(p.type));

  it('when the code answers a problem, then the catalogue has its type with the same status', () => {
    const wrong = emitted.filter((p) => PROBLEM_TYPES[p.type as ProblemType] !== p.status);
    expect(wrong).toEqual([]);
    expect(emitted.length).toBeGreaterThan(30);
  });

  it('when the catalogue names a problem type, then some code answers it (nothing documented is missing from the app)', () => {
    const answered = new Set(emitted.map((p) => p.type));
    expect(Object.keys(PROBLEM_TYPES).filter((type) => !answered.has(type))).toEqual([]);
  });

  it.each(SERVICES)("when %s's code answers a problem, then one of its operations documents it", (app) => {
    const documented = new Set(OPERATIONS.filter((o) => o.owner === app).flatMap(problemsOf));
    const own = problemsIn(join(ROOT, 'services', app, 'src')).filter((p) => !NOT_PUBLIC.has(p.type));
    expect(own.filter((p) => !documented.has(p.type as ProblemType))).toEqual([]);
  });

  it("when the gateway's or the runtime's code answers a problem, then some operation documents it", () => {
    const documented = new Set(OPERATIONS.flatMap(problemsOf));
    const shared = [...problemsIn(join(ROOT, 'services', 'gateway', 'src')), ...problemsIn(join(ROOT, 'packages', 'runtime', 'src'))].filter(
      (p) => !NOT_PUBLIC.has(p.type),
    );
    expect(shared.filter((p) => !documented.has(p.type as ProblemType))).toEqual([]);
  });
});
