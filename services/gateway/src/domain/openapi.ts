import { z } from 'zod';
import { PROBLEM_CONTENT_TYPE } from '@bookstore/runtime/schema';
import { Operation, OPERATIONS, PROBLEM_BASE, PROBLEM_TYPES, ProblemType, problemsOf } from '@bookstore/contracts';

/**
 * The OpenAPI 3.1 document of the public API, made from the contracts' OPERATIONS, the
 * same rows the gateway routes by and the services validate with: nothing is written
 * twice. JSON Schema 2020-12 (OpenAPI 3.1's dialect) comes from zod itself; an input is
 * described as a client sends it (`io: 'input'`: an integer may be digits in a string).
 */

type Json = Record<string, unknown>;

const schemaOf = (schema: z.ZodType, io: 'input' | 'output'): Json => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  return rest;
};

const PROBLEM_SCHEMA: Json = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { description: "The HTTP status; the out-of-stock answer has the order's status here (API.md)", oneOf: [{ type: 'integer' }, { type: 'string' }] },
    detail: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } } },
  },
};

/** Headers a problem may carry: the wait before a retry (429, 503), the methods a path has (405). */
const PROBLEM_HEADERS: Record<number, Json> = {
  429: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait' } },
  503: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait' } },
  405: { Allow: { schema: { type: 'string' } } },
};

const SECURITY: Record<Operation['access'], Json[] | undefined> = {
  public: undefined,
  customer: [{ bearer: [] }],
  admin: [{ bearer: [] }],
  'customer or admin': [{ bearer: [] }],
};

const pathParameters = ({ path, parameterPatterns }: Operation): Json[] =>
  [...path.matchAll(/\{([A-Za-z]+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string', pattern: parameterPatterns?.[name!] ?? '^[A-Za-z0-9_-]{1,64}$' },
  }));

function queryParameters(query: z.ZodObject | undefined): Json[] {
  if (!query) return [];
  const described = schemaOf(query, 'input') as { properties: Record<string, Json>; required?: string[] };
  return Object.entries(described.properties).map(([name, schema]) => ({ name, in: 'query', required: described.required?.includes(name) ?? false, schema }));
}

/** The problem answers of an operation, one response per status, each type an example. */
function problemResponses(operation: Operation): Record<string, Json> {
  const byStatus = new Map<number, ProblemType[]>();
  for (const type of problemsOf(operation)) byStatus.set(PROBLEM_TYPES[type], [...(byStatus.get(PROBLEM_TYPES[type]) ?? []), type]);
  return Object.fromEntries(
    [...byStatus].map(([status, types]) => [
      String(status),
      {
        description: types.join(', '),
        ...(PROBLEM_HEADERS[status] ? { headers: PROBLEM_HEADERS[status] } : {}),
        content: {
          [PROBLEM_CONTENT_TYPE]: {
            schema: { $ref: '#/components/schemas/Problem' },
            examples: Object.fromEntries(types.map((type) => [type, { value: { type: `${PROBLEM_BASE}${type}`, title: type, status, detail: '…' } }])),
          },
        },
      },
    ]),
  );
}

function operationObject(operation: Operation): Json {
  const parameters = [...pathParameters(operation), ...queryParameters(operation.query)];
  if (operation.idempotent) {
    parameters.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: 'The same key within 24 h replays the first answer',
      schema: { type: 'string', maxLength: 200 },
    });
  }
  const answers = Object.fromEntries(
    operation.answers.map(({ status, description, schema, contentTypes }) => [
      String(status),
      {
        description,
        content: Object.fromEntries((contentTypes ?? ['application/json']).map((type) => [type, schema ? { schema: schemaOf(schema, 'output') } : {}])),
      },
    ]),
  );
  return {
    operationId: `${operation.method.toLowerCase()}${operation.path.replace(/[^A-Za-z]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    summary: operation.summary,
    tags: [operation.owner],
    ...(SECURITY[operation.access] ? { security: SECURITY[operation.access], description: `Role: ${operation.access}.` } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(operation.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(operation.body, 'input') } } } } : {}),
    responses: { ...answers, ...problemResponses(operation) },
  };
}

export function openApiDocument(version: string): Json {
  const paths: Record<string, Json> = {};
  for (const operation of OPERATIONS) paths[operation.path] = { ...paths[operation.path], [operation.method.toLowerCase()]: operationObject(operation) };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Bookstore on Dapr',
      version,
      description: 'The public API of the bookstore, behind its gateway. Errors are RFC 9457 problem details; lists are pages of `{ items, nextCursor }`.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Problem: PROBLEM_SCHEMA },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'From POST /auth/login or POST /customers' } },
    },
  };
}
