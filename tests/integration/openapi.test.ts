/**
 * The OpenAPI document the gateway serves, checked against the running shop both ways:
 * every operation in it answers as it says (status documented, body valid against its
 * schema, problem type listed), and the shop answers nothing the document leaves out (a
 * method a path does not document is 405, naming exactly the documented ones).
 */
import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { Response } from 'supertest';
import { admin, registerBook, signUpCustomer, TestCustomer } from '../support/auth';
import { eventually, gateway } from '../support/gateway';
import { placeOrder } from '../support/orders';

interface MediaType {
  schema?: object;
  examples?: Record<string, { value: { type: string } }>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, MediaType> }> }>>;
}

let document: Document;
let alice: TestCustomer;
let adminBearer: string;
const ajv = addFormats(new Ajv2020({ strict: false }));
const validators = new Map<object, ValidateFunction>();
const checked: string[] = [];

beforeAll(async () => {
  const served = await gateway().get('/openapi.json');
  expect(served.status).toBe(200);
  document = served.body as Document;
  [alice, adminBearer] = await Promise.all([signUpCustomer('Alice'), admin()]);
});

/** The answer as the document describes it for this operation: its status, body and problem type. */
function conforms(method: string, path: string, response: Response): void {
  const operation = document.paths[path]?.[method.toLowerCase()];
  const where = `${method} ${path} → ${response.status}`;
  expect({ where, documented: operation !== undefined }).toEqual({ where, documented: true });
  const described = operation!.responses[String(response.status)];
  expect({ where, statusDocumented: described !== undefined }).toEqual({ where, statusDocumented: true });
  const contentType = String(response.headers['content-type'] ?? '').split(';')[0]!;
  const media = described!.content[contentType];
  expect({ where, contentType, documented: media !== undefined }).toEqual({ where, contentType, documented: true });
  if (media!.examples) {
    const type = (response.body as { type: string }).type.split('/').pop()!;
    expect({ where, type, listed: type in media!.examples }).toEqual({ where, type, listed: true });
  } else if (media!.schema) {
    const validate = validators.get(media!.schema) ?? ajv.compile(media!.schema);
    validators.set(media!.schema, validate);
    const valid = validate(response.body);
    expect({ where, errors: valid ? null : validate.errors }).toEqual({ where, errors: null });
  }
  checked.push(`${method} ${path}`);
}

const bearer = (value: string) => ({ Authorization: value });

describe('the served OpenAPI document against the shop', () => {
  it('when every operation is called as a client would, then each answer is one the document describes', async () => {
    const g = () => gateway();
    conforms('GET', '/healthz', await g().get('/healthz'));
    conforms('GET', '/readyz', await g().get('/readyz'));
    conforms('GET', '/openapi.json', await g().get('/openapi.json'));
    conforms('GET', '/docs', await g().get('/docs'));
    const page = await g().get('/');
    conforms('GET', '/', page);
    const asset = /src="(\/assets\/[^"]+)"/.exec(page.text)?.[1];
    conforms('GET', '/assets/{file}', await g().get(asset!));
    conforms('GET', '/assets/{file}', await g().get('/assets/no-such-file.js'));

    const book = await registerBook({ stock: 1, price: 12_000 });
    conforms('GET', '/books', await g().get('/books').query({ limit: '5' }));
    conforms('GET', '/books', await g().get('/books').query({ limit: 'many' }));
    conforms('POST', '/books', await g().post('/books').set(bearer(adminBearer)).send({ title: 'Documented', price: 100 }));
    conforms('POST', '/books', await g().post('/books').set(bearer(alice.bearer)).send({ title: 'Not mine', price: 100 }));
    conforms('POST', '/books', await g().post('/books').send({ title: 'Nobody', price: 100 }));
    conforms('GET', '/books/{bookId}', await g().get(`/books/${book.bookId}`));
    conforms('GET', '/books/{bookId}', await g().get('/books/no-such-book'));
    conforms('PATCH', '/books/reStock', await g().patch('/books/reStock').set(bearer(adminBearer)).send({ bookId: book.bookId, stock: 1 }));
    conforms('PATCH', '/books/reStock', await g().patch('/books/reStock').set(bearer(adminBearer)).set('Content-Type', 'application/json').send('{"bookId":'));

    conforms(
      'POST',
      '/customers',
      await g()
        .post('/customers')
        .send({ name: 'Bob', email: `bob-${Date.now()}@example.com`, password: 'long enough password' }),
    );
    conforms('POST', '/customers', await g().post('/customers').send({ name: 'Alice again', email: alice.email, password: 'long enough password' }));
    conforms('GET', '/customers/{customerId}', await g().get(`/customers/${alice.customerId}`).set(bearer(alice.bearer)));
    conforms('GET', '/customers/{customerId}', await g().get('/customers/someone-else').set(bearer(alice.bearer)));
    conforms('POST', '/auth/login', await g().post('/auth/login').send({ email: alice.email, password: alice.password }));
    conforms('POST', '/auth/login', await g().post('/auth/login').send({ email: alice.email, password: 'wrong password' }));

    const order = await placeOrder(alice, book.bookId);
    conforms('POST', '/orders', await g().post('/orders').set(bearer(alice.bearer)).send({ bookId: book.bookId, qty: 1 }));
    const short = await g().post('/orders').set(bearer(alice.bearer)).send({ bookId: book.bookId, qty: 100 });
    conforms('POST', '/orders', short);
    conforms('POST', '/orders', await g().post('/orders').set(bearer(alice.bearer)).send({ bookId: book.bookId, qty: 'two' }));
    conforms('POST', '/orders', await g().post('/orders').set(bearer(adminBearer)).send({ bookId: book.bookId, qty: 1 }));
    conforms('GET', '/orders', await g().get('/orders').set(bearer(alice.bearer)));
    conforms('GET', '/orders/{orderId}', await g().get(`/orders/${order.orderId}`).set(bearer(alice.bearer)));
    conforms('POST', '/orders/{orderId}/cancel', await g().post(`/orders/${order.orderId}/cancel`).set(bearer(alice.bearer)));
    conforms(
      'POST',
      '/orders/{orderId}/cancel',
      await g()
        .post(`/orders/${(short.body as { orderId: string }).orderId}/cancel`)
        .set(bearer(alice.bearer)),
    );

    const delivered = await eventually(
      () => g().get('/deliveries').query({ orderId: order.orderId }).set(bearer(alice.bearer)),
      (r) => r.status === 200 && (r.body as { items: unknown[] }).items.length > 0,
    );
    conforms('GET', '/deliveries', delivered);
    conforms('GET', '/deliveries', await g().get('/deliveries').set(bearer(alice.bearer)));
    const row = await eventually(
      () => g().get(`/myPages/${order.orderId}`).set(bearer(alice.bearer)),
      (r) => r.status === 200,
    );
    conforms('GET', '/myPages/{orderId}', row);
    conforms('GET', '/myPages', await g().get('/myPages').set(bearer(alice.bearer)));
    conforms('GET', '/myPages', await g().get('/myPages'));
    conforms('GET', '/notifications', await g().get('/notifications').set(bearer(alice.bearer)));
    conforms('GET', '/notifications', await g().get('/notifications').set(bearer(adminBearer)));
    conforms('GET', '/updates', await g().get('/updates'));
    const abort = new AbortController();
    const stream = await fetch(`${process.env.GATEWAY_URL}/updates`, {
      headers: { Authorization: alice.bearer, Accept: 'text/event-stream' },
      signal: abort.signal,
    });
    conforms('GET', '/updates', {
      status: stream.status,
      headers: { 'content-type': stream.headers.get('content-type') },
      body: undefined,
    } as unknown as Response);
    abort.abort();
    conforms('GET', '/admin/status', await g().get('/admin/status').set(bearer(adminBearer)));
    conforms('GET', '/admin/status', await g().get('/admin/status').set(bearer(alice.bearer)));
    conforms('GET', '/marketingTargets', await g().get('/marketingTargets').set(bearer(adminBearer)).query({ limit: '3' }));
    conforms('GET', '/outOfStockOrders', await g().get('/outOfStockOrders').set(bearer(adminBearer)).query({ bookId: book.bookId }));
    conforms('GET', '/outOfStockOrders', await g().get('/outOfStockOrders').set(bearer(alice.bearer)));

    // Every documented operation was called at least once.
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations.filter((o) => !checked.includes(o))).toEqual([]);
  });

  it('when a path is asked with a method it does not document, then the answer is 405 naming exactly the documented ones', async () => {
    const concrete = (path: string) => path.replace(/\{[A-Za-z]+\}/g, 'x1');
    // `/books/reStock` is also `/books/{bookId}` with the id "reStock": GET answers that one.
    const fitting = (url: string) => Object.entries(document.paths).filter(([other]) => new RegExp(`^${other.replace(/\{[A-Za-z]+\}/g, '[^/]+')}$`).test(url));
    const answeredByAnother = (url: string, method: string) => fitting(url).some(([, methods]) => method.toLowerCase() in methods);
    // The methods every path the URL fits answers (`PUT /books/reStock`: GET, PATCH).
    const allowed = (url: string) => [...new Set(fitting(url).flatMap(([, methods]) => Object.keys(methods).map((m) => m.toUpperCase())))].sort().join(', ');
    for (const [path, methods] of Object.entries(document.paths)) {
      const documented = Object.keys(methods).map((m) => m.toUpperCase());
      for (const method of ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'].filter((m) => !documented.includes(m) && !answeredByAnother(concrete(path), m))) {
        const response = await gateway()[method.toLowerCase() as 'get'](concrete(path)).set(bearer(adminBearer));
        const where = `${method} ${path}`;
        expect({ where, status: response.status, allow: response.headers.allow }).toEqual({ where, status: 405, allow: allowed(concrete(path)) });
      }
    }
  });

  it('when /docs is opened, then its page, script and styles come from the gateway under a policy that allows nothing else', async () => {
    const page = await gateway().get('/docs');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe');
    const assets = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map(([, url]) => url!);
    expect(assets.length).toBe(3);
    for (const url of assets) {
      expect(url.startsWith('/docs/')).toBe(true);
      expect((await gateway().get(url)).status).toBe(200);
    }
    expect((await gateway().get('/docs/index.html')).status).toBe(404);
    expect((await gateway().get('/DOCS')).status).toBe(404);
  });
});
