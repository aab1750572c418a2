import fc from 'fast-check';
import { anyJson, badEmail, badId, badInt, badPassword, badText, hostileString } from './hostile';
import { RawRequest } from './raw-http';

/**
 * The fuzzer's requests, one generator per public route of API.md.
 *
 * State must not change, so no generated request may be one the API accepts:
 * - a body for a route that creates or changes something (POST /books, PATCH /books/reStock,
 *   POST /customers, POST /orders, cancel) always has at least one field that is invalid
 *   under any reading (also the first copy of a duplicated key), or is not JSON, or is over
 *   the limit; the only valid bodies go with a caller the route refuses (anonymous, a
 *   customer on an admin route, an admin ordering, someone else's order to cancel);
 * - a path trick must be refused whatever its body, so it carries a valid one;
 * - everything else is a read, or a login (which changes nothing but the throttle: it is sent
 *   from an address of its own).
 * Every request of a route that changes state is expected to be refused (4xx), so a request
 * that slips through is named, not only seen in the state afterwards.
 */
export interface World {
  bookId: string;
  /** The witness customer's order, which nothing in the fuzz may change. */
  orderId: string;
  customerId: string;
  fuzzer: { customerId: string; bearer: string };
  adminBearer: string;
}

/** What an answer must be beyond the general rules (no 5xx, 4xx problem+json). */
export type Expectation = 'any' | 'refused' | 400 | 413;

export interface FuzzRequest extends RawRequest {
  expect: Expectation;
}

/** Login attempts come from here, so the per-client login limit they trip locks no one else out. */
export const LOGIN_CLIENT = '127.0.0.9';

type Identity = 'anonymous' | 'fuzzer' | 'admin' | 'garbage';

const garbageBearer: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'Bearer',
    'Bearer ',
    'Basic YWRtaW46YWRtaW4=',
    'Bearer a.b.c',
    'Bearer eyJhbGciOiJub25lIn0.eyJyb2xlIjoiYWRtaW4iLCJzdWIiOiJhZG1pbiJ9.',
    'bearer null',
    'Bearer undefined',
  ),
  fc
    .string({ unit: 'binary-ascii', maxLength: 200 })
    .filter((s) => /^[\x20-\x7e]*$/.test(s))
    .map((s) => `Bearer ${s}`),
);

function authorization(world: World, who: Identity): fc.Arbitrary<Record<string, string>> {
  switch (who) {
    case 'anonymous':
      return fc.constant({});
    case 'fuzzer':
      return fc.constant({ authorization: world.fuzzer.bearer });
    case 'admin':
      return fc.constant({ authorization: world.adminBearer });
    case 'garbage':
      return garbageBearer.map((authorization) => ({ authorization }));
  }
}

const anyIdentity = fc.constantFrom<Identity>('anonymous', 'fuzzer', 'admin', 'garbage');

const headerValue = fc.string({ unit: 'binary-ascii', maxLength: 300 }).filter((s) => /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/.test(s));

/** Headers an attacker adds: forged identity, odd idempotency keys, proxies' headers. */
const extraHeaders: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    'x-bookstore-caller-role': fc.constant('admin'),
    'x-bookstore-caller-id': headerValue,
    'idempotency-key': fc.oneof(headerValue, fc.constant('k'.repeat(5_000))),
    'x-forwarded-for': fc.constantFrom('10.0.0.1', '127.0.0.1, 10.0.0.2', 'garbage'),
    'dapr-api-token': headerValue,
    accept: fc.constantFrom('*/*', 'text/html', 'application/xml', 'application/json'),
  },
  { requiredKeys: [] },
);

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/merge-patch+json', 'APPLICATION/JSON'];
const OTHER_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=utf-16',
  'application/octet-stream',
];

const MALFORMED = [
  '{',
  '{"title":',
  '{"a":1,}',
  "{'bookId':'b'}",
  'NaN',
  '{"qty":01}',
  '\ufeff{}',
  '{"a":"\\x"}',
  '{"a":"\\ud800"',
  '{"a" 1}',
  '{}{}',
  '[][',
  'undefined',
  '{"__proto__":',
  '/*x*/{}',
];

/** A field of a body: its name, whether the API requires it, and values valid and never valid for it. */
interface Field {
  name: string;
  required: boolean;
  valid: fc.Arbitrary<string>;
  invalid: fc.Arbitrary<string>;
}

interface Entry {
  key: string;
  value: string;
}

/**
 * A JSON object that is invalid in one chosen field under any reading: the field is missing
 * (when required) or invalid, and so is any earlier copy of it; other fields may be anything.
 */
function invalidObject(fields: Field[]): fc.Arbitrary<string> {
  return fc
    .record({
      bad: fc.integer({ min: 0, max: fields.length - 1 }),
      omitBad: fc.boolean(),
      values: fc.tuple(
        ...fields.map((f) =>
          fc.record({
            present: fc.boolean(),
            value: fc.oneof(f.valid, anyJson),
            dup: fc.option(anyJson),
            invalid: f.invalid,
            invalidDup: fc.option(f.invalid),
          }),
        ),
      ),
      extras: fc.array(
        fc.record({
          key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', '$where', 'role', 'isAdmin', 'toString', ''), hostileString),
          value: anyJson,
        }),
        { maxLength: 3 },
      ),
      space: fc.constantFrom('', ' ', '\n  '),
    })
    .map(({ bad, omitBad, values, extras, space }) => {
      const entries: Entry[] = [];
      fields.forEach((field, i) => {
        const v = values[i]!;
        if (i === bad) {
          if (omitBad && field.required) return;
          if (v.invalidDup !== null) entries.push({ key: field.name, value: v.invalidDup });
          entries.push({ key: field.name, value: v.invalid });
          return;
        }
        if (!v.present) return;
        if (v.dup !== null) entries.push({ key: field.name, value: v.dup });
        entries.push({ key: field.name, value: v.value });
      });
      // Extras go first: a later real field wins under last-key-wins parsing.
      const all = [...extras.filter((e) => !fields.some((f) => f.name === e.key)).map((e) => ({ key: e.key, value: e.value })), ...entries];
      return `{${space}${all.map((e) => `${JSON.stringify(e.key)}:${space}${e.value}`).join(`,${space}`)}${space}}`;
    });
}

/** A body for a route that changes state, never one it accepts; with a JSON content type unless the body is not JSON anyway. */
function hostileBody(fields: Field[]): fc.Arbitrary<{ body: string | Buffer; contentType?: string }> {
  const jsonType = fc.option(fc.constantFrom(...JSON_TYPES), { nil: undefined, freq: 8 });
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ body: invalidObject(fields), contentType: jsonType }) },
    // A valid-looking body with a content type that is not JSON: still not a request the API takes.
    { weight: 1, arbitrary: fc.record({ body: invalidObject(fields), contentType: fc.constantFrom(...OTHER_TYPES) }) },
    { weight: 1, arbitrary: fc.record({ body: fc.constantFrom(...MALFORMED), contentType: jsonType }) },
    {
      weight: 1,
      arbitrary: fc.record({
        body: fc.oneof(
          anyJson.filter((j) => !j.startsWith('{')),
          fc.constant(`${'['.repeat(5_000)}${']'.repeat(5_000)}`),
        ),
        contentType: jsonType,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        body: fc.constantFrom(
          Buffer.from([0xff, 0xfe, 0x7b, 0x7d]),
          Buffer.from('{"title":"\xc0\xae"}', 'latin1'),
          Buffer.from([0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
        ),
        contentType: jsonType,
      }),
    },
  );
}

/** Query strings: the route's own keys and attackers' ones, values hostile, raw percent tricks. */
const queryValue = fc.oneof(
  hostileString.map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd'))),
  fc.constantFrom('%00', '%ff', '%c0%ae', '%', '%zz', '1', '0', '-1', '201', '1.5', '99999999999999999999', '', 'eyJ4IjoxfQ', '%2e%2e%2f'),
);

function queryString(keys: string[]): fc.Arbitrary<string> {
  const key = fc.oneof(
    fc.constantFrom(...keys, 'limit', 'cursor'),
    fc.constantFrom('__proto__[role]', 'constructor[prototype][x]', 'customerId[$gt]', 'limit[]', 'orderId[]', 'a'.repeat(300)),
  );
  return fc.array(fc.tuple(key, queryValue), { maxLength: 4 }).map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}` : ''));
}

/** Ids for paths: the world's real ones (reading them is harmless), hostile ones, encoded or raw. */
const pathId = (real: string[]): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...real),
    fc.constantFrom(
      '0',
      '-1',
      'x'.repeat(65),
      'reStock',
      '%00',
      '%20',
      '%ff',
      '%u0000',
      '%25',
      'null',
      'undefined',
      '__proto__',
      'constructor',
      '%7B%22%24gt%22%3A%22%22%7D',
    ),
    hostileString.map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd'))),
  );

interface RouteFuzz {
  name: string;
  runs: number;
  arbitrary: fc.Arbitrary<FuzzRequest>;
}

function request(
  method: string,
  path: fc.Arbitrary<string>,
  identity: fc.Arbitrary<Identity>,
  world: World,
  body?: fc.Arbitrary<{ body: string | Buffer; contentType?: string }>,
  from?: string,
  expect: Expectation = 'any',
): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      path,
      who: identity,
      extra: extraHeaders,
      payload: body ? body.map((b) => b as { body: string | Buffer; contentType?: string } | undefined) : fc.constant(undefined),
    })
    .chain(({ path: p, who, extra, payload }) =>
      authorization(world, who).map((auth): FuzzRequest => ({
        method,
        path: p,
        headers: { ...extra, ...auth, ...(payload?.contentType ? { 'content-type': payload.contentType } : {}) },
        ...(payload ? { body: payload.body } : {}),
        ...(from ? { from } : {}),
        expect,
      })),
    );
}

const text = (max: number) =>
  fc
    .string({ minLength: 1, maxLength: max })
    .filter((s) => s.trim().length > 0)
    .map((s) => JSON.stringify(s));

export function routeFuzzers(world: World): RouteFuzz[] {
  const bookFields: Field[] = [
    { name: 'title', required: true, valid: text(200), invalid: badText(200) },
    { name: 'author', required: false, valid: text(200), invalid: badText(200).filter((t) => t !== '""' && !t.startsWith('"  ') && !t.startsWith('"\\t')) },
    { name: 'price', required: true, valid: fc.integer({ min: 0, max: 1_000_000 }).map(String), invalid: badInt(0) },
    { name: 'stock', required: false, valid: fc.integer({ min: 0, max: 1_000 }).map(String), invalid: badInt(0) },
  ];
  const restockFields: Field[] = [
    { name: 'bookId', required: true, valid: fc.constant(JSON.stringify(world.bookId)), invalid: badId },
    { name: 'stock', required: true, valid: fc.integer({ min: 1, max: 1_000_000 }).map(String), invalid: badInt(1, 1_000_000) },
  ];
  const customerFields: Field[] = [
    { name: 'name', required: true, valid: text(100), invalid: badText(100) },
    { name: 'email', required: true, valid: fc.uuid().map((u) => JSON.stringify(`fz-${u}@example.com`)), invalid: badEmail },
    { name: 'password', required: true, valid: fc.constant('"long enough password"'), invalid: badPassword },
  ];
  const orderFields: Field[] = [
    { name: 'bookId', required: true, valid: fc.constant(JSON.stringify(world.bookId)), invalid: badId },
    { name: 'qty', required: true, valid: fc.integer({ min: 1, max: 100 }).map(String), invalid: badInt(1, 100) },
    { name: 'customerId', required: false, valid: fc.constant(JSON.stringify(world.fuzzer.customerId)), invalid: badId },
  ];
  const validBook = fc.constant({ body: JSON.stringify({ title: 'Fuzz must not register this', price: 1, stock: 1 }), contentType: 'application/json' });
  const validRestock = fc.constant({ body: JSON.stringify({ bookId: world.bookId, stock: 1 }), contentType: 'application/json' });
  const validOrder = fc.constant({ body: JSON.stringify({ bookId: world.bookId, qty: 1 }), contentType: 'application/json' });
  const loginBody = fc.record({
    body: fc.oneof(
      invalidObject([
        { name: 'email', required: true, valid: fc.constant(JSON.stringify('admin@bookstore.local')), invalid: anyJson },
        { name: 'password', required: true, valid: hostileString.map((s) => JSON.stringify(s)), invalid: anyJson },
      ]),
      fc.constantFrom(...MALFORMED),
    ),
    contentType: fc.option(fc.constantFrom(...JSON_TYPES, ...OTHER_TYPES), { nil: undefined }),
  });

  const ids = [world.bookId, world.orderId, world.customerId, world.fuzzer.customerId];
  const gets: Array<[string, fc.Arbitrary<string>, number]> = [
    ['GET /books', queryString(['q']).map((q) => `/books${q}`), 400],
    ['GET /books/{bookId}', fc.tuple(pathId([world.bookId]), queryString([])).map(([id, q]) => `/books/${id}${q}`), 400],
    ['GET /customers/{customerId}', pathId([world.customerId, world.fuzzer.customerId]).map((id) => `/customers/${id}`), 400],
    ['GET /orders', queryString(['customerId']).map((q) => `/orders${q}`), 400],
    ['GET /orders/{orderId}', pathId([world.orderId]).map((id) => `/orders/${id}`), 400],
    ['GET /deliveries', queryString(['orderId']).map((q) => `/deliveries${q}`), 300],
    ['GET /myPages', queryString(['customerId']).map((q) => `/myPages${q}`), 300],
    ['GET /myPages/{orderId}', pathId([world.orderId]).map((id) => `/myPages/${id}`), 300],
    ['GET /notifications', queryString(['customerId']).map((q) => `/notifications${q}`), 300],
    ['GET /marketingTargets', queryString([]).map((q) => `/marketingTargets${q}`), 250],
    ['GET /outOfStockOrders', queryString(['bookId']).map((q) => `/outOfStockOrders${q}`), 250],
    ['GET /healthz, /readyz', fc.tuple(fc.constantFrom('/healthz', '/readyz'), queryString([])).map(([p, q]) => `${p}${q}`), 150],
  ];

  const refusedIdentity = (...who: Identity[]) => fc.constantFrom(...who);
  return [
    {
      name: 'POST /books',
      runs: 1000,
      arbitrary: fc.oneof(
        { weight: 9, arbitrary: request('POST', fc.constant('/books'), anyIdentity, world, hostileBody(bookFields), undefined, 'refused') },
        {
          weight: 1,
          arbitrary: request('POST', fc.constant('/books'), refusedIdentity('anonymous', 'fuzzer', 'garbage'), world, validBook, undefined, 'refused'),
        },
      ),
    },
    {
      name: 'PATCH /books/reStock',
      runs: 800,
      arbitrary: fc.oneof(
        { weight: 9, arbitrary: request('PATCH', fc.constant('/books/reStock'), anyIdentity, world, hostileBody(restockFields), undefined, 'refused') },
        {
          weight: 1,
          arbitrary: request(
            'PATCH',
            fc.constant('/books/reStock'),
            refusedIdentity('anonymous', 'fuzzer', 'garbage'),
            world,
            validRestock,
            undefined,
            'refused',
          ),
        },
      ),
    },
    {
      name: 'POST /customers',
      runs: 900,
      arbitrary: request('POST', fc.constant('/customers'), anyIdentity, world, hostileBody(customerFields), undefined, 'refused'),
    },
    { name: 'POST /auth/login', runs: 600, arbitrary: request('POST', fc.constant('/auth/login'), anyIdentity, world, loginBody, LOGIN_CLIENT) },
    {
      name: 'POST /orders',
      runs: 1000,
      arbitrary: fc.oneof(
        { weight: 9, arbitrary: request('POST', fc.constant('/orders'), anyIdentity, world, hostileBody(orderFields), undefined, 'refused') },
        {
          weight: 1,
          arbitrary: request('POST', fc.constant('/orders'), refusedIdentity('anonymous', 'admin', 'garbage'), world, validOrder, undefined, 'refused'),
        },
      ),
    },
    {
      name: 'POST /orders/{orderId}/cancel',
      runs: 400,
      // Someone else's order (the witness's) for every caller but the admin; made-up ids for the admin.
      arbitrary: fc.oneof(
        request(
          'POST',
          pathId([world.orderId]).map((id) => `/orders/${id}/cancel`),
          refusedIdentity('anonymous', 'fuzzer', 'garbage'),
          world,
          undefined,
          undefined,
          'refused',
        ),
        request(
          'POST',
          pathId(['no-such-order'])
            .filter((id) => id !== world.orderId)
            .map((id) => `/orders/${id}/cancel`),
          fc.constant<Identity>('admin'),
          world,
          undefined,
          undefined,
          'refused',
        ),
      ),
    },
    ...gets.map(([name, path, runs]) => ({ name, runs, arbitrary: request('GET', path, anyIdentity, world) })),
    { name: 'path tricks', runs: 2000, arbitrary: pathTricks(world, ids) },
    { name: 'wrong methods', runs: 300, arbitrary: wrongMethods(world, ids) },
    { name: 'bodies over 64 KiB', runs: 120, arbitrary: hugeBodies(world) },
  ];
}

/** Every route's path with its real ids, and the valid body of the route when it takes one. */
function routePaths(world: World): Array<{ method: string; segments: string[]; body?: string }> {
  const order = JSON.stringify({ bookId: world.bookId, qty: 1 });
  return [
    { method: 'GET', segments: ['books'] },
    { method: 'GET', segments: ['books', world.bookId] },
    { method: 'POST', segments: ['books'], body: JSON.stringify({ title: 'Fuzz must not register this', price: 1 }) },
    { method: 'PATCH', segments: ['books', 'reStock'], body: JSON.stringify({ bookId: world.bookId, stock: 1 }) },
    { method: 'POST', segments: ['customers'], body: JSON.stringify({ name: 'Fuzz', email: 'fz-trick@example.com', password: 'long enough password' }) },
    { method: 'GET', segments: ['customers', world.customerId] },
    { method: 'POST', segments: ['auth', 'login'], body: JSON.stringify({ email: 'admin@bookstore.local', password: 'not the password' }) },
    { method: 'POST', segments: ['orders'], body: order },
    { method: 'GET', segments: ['orders'] },
    { method: 'GET', segments: ['orders', world.orderId] },
    { method: 'POST', segments: ['orders', world.orderId, 'cancel'] },
    { method: 'GET', segments: ['deliveries'] },
    { method: 'GET', segments: ['myPages'] },
    { method: 'GET', segments: ['myPages', world.orderId] },
    { method: 'GET', segments: ['notifications'] },
    { method: 'GET', segments: ['marketingTargets'] },
    { method: 'GET', segments: ['outOfStockOrders'] },
    { method: 'GET', segments: ['healthz'] },
  ];
}

/** Tricks the gateway must answer 400 (issue 7, item 1). */
const SEGMENT_TRICKS_400 = ['..', '.', '%2e%2e', '%2E%2E', '.%2e', '%2e.', '%2e', '', '%00', '%ff', '%c0%ae', '%c0%ae%c0%ae', '%e0%80%ae', '%80'];
const INSIDE_TRICKS_400 = ['%2f', '%2F', '%5c', '%5C', '\\', '%00', '%ff', '%c0%af', '%ed%a0%80'];
/** Odd, not named by the issue: any 4xx will do, never an answer from a route. */
const TAIL_TRICKS = ['/', '/.', '/..', ';x=1', '%252e%252e', '%25', '%20', '%', '%zz', '%u002e', '%ef%bc%8e'];
/** Where an escape upwards would land on a vulnerable gateway: Dapr's API. Not shutdown, not publish: they would end the run. */
const TARGETS = [
  'v1.0/secrets/secretstore/bulk',
  'v1.0/metadata',
  'v1.0/healthz',
  'v1.0/actors/BookActor/x/method/restock',
  'internal/orders/x/fate',
  'actors/BookActor/x/method/restock',
  'dapr/config',
];

function pathTricks(world: World, ids: string[]): fc.Arbitrary<FuzzRequest> {
  const routes = routePaths(world);
  return fc
    .record({
      route: fc.constantFrom(...routes),
      kind: fc.constantFrom('segment', 'inside', 'tail', 'case', 'escape'),
      at: fc.nat(),
      trick: fc.nat(),
      depth: fc.integer({ min: 1, max: 8 }),
      target: fc.constantFrom(...TARGETS),
      who: fc.constantFrom<Identity>('admin', 'fuzzer', 'anonymous'),
      leading: fc.boolean(),
    })
    .map(({ route, kind, at, trick, depth, target, who, leading }): FuzzRequest => {
      const segments = [...route.segments];
      const position = at % (segments.length + 1);
      let path: string;
      let expect: Expectation = 400;
      switch (kind) {
        case 'segment': {
          const t = SEGMENT_TRICKS_400[trick % SEGMENT_TRICKS_400.length]!;
          segments.splice(position, 0, t);
          path = `/${segments.join('/')}`;
          // An empty last segment is a trailing slash: an unknown route (404), not a trick (400).
          if (t === '' && position === route.segments.length) expect = 'refused';
          break;
        }
        case 'inside': {
          const i = position % segments.length;
          const t = INSIDE_TRICKS_400[trick % INSIDE_TRICKS_400.length]!;
          segments[i] = leading ? `${t}${segments[i]}` : `${segments[i]}${t}${segments[i]}`;
          path = `/${segments.join('/')}`;
          break;
        }
        case 'tail':
          path = `/${segments.join('/')}${TAIL_TRICKS[trick % TAIL_TRICKS.length]}`;
          expect = 'refused';
          break;
        case 'case': {
          const i = position % segments.length;
          const s = segments[i]!;
          segments[i] = s.toUpperCase() === s ? s.toLowerCase() : s.toUpperCase();
          path = `/${segments.join('/')}`;
          expect = segments[i] === s ? 'any' : 'refused';
          break;
        }
        case 'escape': {
          const dots = ['..', '%2e%2e', '.%2e', '%2e.', '%2E%2E'][trick % 5]!;
          path = `/${segments.slice(0, 1).join('/')}/${Array.from({ length: depth }, () => dots).join('/')}/${target}`;
          break;
        }
      }
      const headers: Record<string, string> = { ...(route.body ? { 'content-type': 'application/json' } : {}) };
      if (who === 'admin') headers.authorization = world.adminBearer;
      if (who === 'fuzzer') headers.authorization = world.fuzzer.bearer;
      void ids;
      return {
        method: route.method,
        path: path!,
        headers,
        ...(route.body ? { body: route.body } : {}),
        ...(route.segments[0] === 'auth' ? { from: LOGIN_CLIENT } : {}),
        expect,
      };
    });
}

/** Methods no route of the API has. */
function wrongMethods(world: World, ids: string[]): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({ route: fc.constantFrom(...routePaths(world)), method: fc.constantFrom('PUT', 'DELETE', 'TRACE'), admin: fc.boolean() })
    .map(({ route, method, admin }) => {
      void ids;
      const headers: Record<string, string> = admin ? { authorization: world.adminBearer } : {};
      return { method, path: `/${route.segments.join('/')}`, headers, expect: 'refused' as const };
    });
}

/** Bodies over 64 KiB, with and without Content-Length: 413 wherever they go. */
function hugeBodies(world: World): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      route: fc.constantFrom(...routePaths(world).filter((r) => r.method !== 'GET')),
      size: fc.integer({ min: 65_537, max: 200_000 }),
      chunked: fc.boolean(),
      filler: fc.constantFrom('x', 'é', '😀'),
    })
    .map(({ route, size, chunked, filler }) => {
      const body = JSON.stringify({ title: filler.repeat(Math.ceil(size / Buffer.byteLength(filler))), price: 1, bookId: world.bookId, qty: 1, stock: 1 });
      return {
        method: route.method,
        path: `/${route.segments.join('/')}`,
        headers: { 'content-type': 'application/json', authorization: world.adminBearer },
        body,
        chunked,
        ...(route.segments[0] === 'auth' ? { from: LOGIN_CLIENT } : {}),
        expect: 413 as const,
      };
    });
}
