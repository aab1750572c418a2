import { MAX_TARGET_LENGTH, readRequestTarget } from '../src/domain/request-target';
import { matchRoute, PUBLIC_ROUTES, upstreamQuery } from '../src/domain/routing';

/** What the gateway makes of a method and raw target: the upstream call, or the status it answers. */
function route(method: string, raw: string): { owner: string; upstream: string } | number {
  const target = readRequestTarget(raw);
  if (target.kind === 'refused') return 400;
  if (target.trailingSlash) return 404;
  const match = matchRoute(method, target.segments);
  if (match.kind === 'not-found') return 404;
  if (match.kind === 'method-not-allowed') return 405;
  if (match.kind === 'bad-id') return 404;
  const query = upstreamQuery(match.route, target.query);
  return { owner: match.route.owner, upstream: query ? `${match.upstreamPath}?${query}` : match.upstreamPath };
}

describe('public routes', () => {
  it.each([
    ['GET', '/books', 'book', '/books'],
    ['GET', '/books?q=dapr&limit=5&cursor=abc', 'book', '/books?q=dapr&limit=5&cursor=abc'],
    ['POST', '/books', 'book', '/books'],
    ['GET', '/books/b-1_X', 'book', '/books/b-1_X'],
    ['PATCH', '/books/reStock', 'book', '/books/reStock'],
    ['POST', '/customers', 'customer', '/customers'],
    ['GET', '/customers/c1', 'customer', '/customers/c1'],
    ['POST', '/auth/login', 'customer', '/auth/login'],
    ['POST', '/orders', 'order', '/orders'],
    ['GET', '/orders?customerId=c1', 'order', '/orders?customerId=c1'],
    ['GET', '/orders/o1', 'order', '/orders/o1'],
    ['POST', '/orders/o1/cancel', 'order', '/orders/o1/cancel'],
    ['GET', '/deliveries?orderId=o1', 'delivery', '/deliveries?orderId=o1'],
    ['GET', '/myPages', 'customercenter', '/myPages'],
    ['GET', '/myPages/o1', 'customercenter', '/myPages/o1'],
    ['GET', '/notifications?customerId=c1', 'customercenter', '/notifications?customerId=c1'],
    ['GET', '/marketingTargets', 'customercenter', '/marketingTargets'],
    ['GET', '/outOfStockOrders?bookId=b1', 'customercenter', '/outOfStockOrders?bookId=b1'],
    ['HEAD', '/books', 'book', '/books'],
    ['GET', '/books/b%31', 'book', '/books/b1'],
  ])('when %s %s is asked, then %s answers %s', (method, raw, owner, upstream) => {
    expect(route(method, raw)).toEqual({ owner, upstream });
  });

  it("when a query is sent, then only the route's parameters go on, re-encoded", () => {
    expect(route('GET', '/books?q=a+b%26c%3Dd&evil=1&limit=2')).toEqual({ owner: 'book', upstream: '/books?q=a%20b%26c%3Dd&limit=2' });
    expect(route('GET', '/books/b1?anything=1')).toEqual({ owner: 'book', upstream: '/books/b1' });
    expect(route('GET', '/books?q=a&q=b')).toEqual({ owner: 'book', upstream: '/books?q=a&q=b' });
  });

  it('when every row is read, then each path parameter is named and each method is one the API uses', () => {
    for (const r of PUBLIC_ROUTES) {
      expect(r.path).toMatch(/^\/$|^(\/([A-Za-z]+(\.json)?|\{[A-Za-z]+\}))+$/);
      expect(['GET', 'POST', 'PATCH']).toContain(r.method);
    }
  });
});

describe('path tricks', () => {
  it.each([
    // the attack of issue 7 and its spellings
    '/books/../../../../../v1.0/secrets/secretstore/bulk',
    '/books/%2e%2e/%2e%2e/v1.0/metadata',
    '/books/%2E%2e/v1.0/metadata',
    '/books/.%2e/v1.0/metadata',
    '/books/./b1',
    '/books/%2e',
    '/./books',
    '/..',
    // encoded separators, backslashes, empty segments
    '/books/..%2f..%2fv1.0%2fmetadata',
    '/books/%2F',
    '/books/a%5cb',
    '/books/a%5Cb',
    '/books\\..\\v1.0',
    '/books/a\\b',
    '//books',
    '/books//b1',
    '/orders/o1//cancel',
    // NUL, controls, invalid UTF-8 and bad escapes, double encoding
    '/books/%00',
    '/books/b1%00',
    '/books/%0a',
    '/books/%1f',
    '/books/%7f',
    '/books/%c2%85',
    '/books/%ff',
    '/books/%c3%28',
    '/books/%e2%82',
    '/books/%',
    '/books/%zz',
    '/books/%2',
    '/books/%252e%252e',
    '/books?q=%00',
    '/books?q=a%0d%0aInjected: 1',
    '/books?q=%ff',
    '/books?q=%',
    '/books?%00=x',
    // raw oddities (what a raw socket can send)
    '/books/\u0000',
    '/books/a b',
    '/books/\u00e9',
    '/books#frag',
    'http://localhost/books',
    '*',
    '',
  ])('when %p is asked, then it is 400', (raw) => {
    expect(route('GET', raw)).toBe(400);
  });

  it.each([
    ['GET', '/books/has.dot'],
    ['GET', `/books/${'a'.repeat(65)}`],
    ['GET', '/books/%C3%A9'],
    ['GET', '/customers/a!b'],
    ['POST', '/orders/o~1/cancel'],
  ])('when the id of %s %s is not an id, then it is 404 (it names nothing)', (method, raw) => {
    expect(route(method, raw)).toBe(404);
  });

  it.each([
    '/',
    '/nowhere',
    '/v1.0/secrets/secretstore/bulk',
    '/v1.0/metadata',
    '/internal/orders/o1/fate',
    '/BOOKS',
    '/Books/b1',
    '/auth/LOGIN',
    '/Auth/login',
    '/auth/login/',
    '/books/',
    '/books/b1/',
    '/orders/o1/cancel/',
    '/auth',
    '/auth/login/x',
    '/orders/o1/fate',
    '/constructor',
    '/__proto__',
    '/books/b1/extra',
  ])('when %p is asked, then it is 404', (raw) => {
    expect([route('GET', raw), route('POST', raw)].every((s) => s === 404)).toBe(true);
  });

  it.each([
    ['DELETE', '/books/b1', ['GET']],
    ['PUT', '/books', ['GET', 'POST']],
    ['GET', '/auth/login', ['POST']],
    ['POST', '/books/reStock', ['GET', 'PATCH']],
    ['GET', '/orders/o1/cancel', ['POST']],
    ['POST', '/healthz', ['GET']],
    ['OPTIONS', '/orders', ['GET', 'POST']],
  ])('when %s %s is asked, then it is 405 allowing %p', (method, raw, allow) => {
    const target = readRequestTarget(raw);
    expect(target.kind).toBe('target');
    if (target.kind === 'target') expect(matchRoute(method, target.segments)).toEqual({ kind: 'method-not-allowed', allow });
  });

  it('when a literal and a parameter both fit, then the literal wins for its method', () => {
    expect(route('PATCH', '/books/reStock')).toEqual({ owner: 'book', upstream: '/books/reStock' });
    expect(route('GET', '/books/reStock')).toEqual({ owner: 'book', upstream: '/books/reStock' });
  });
});

describe('long request targets', () => {
  it('when a target is longer than any route needs, then it is refused here, not passed to the sidecar (whose 431 is plain text)', () => {
    const query = `?customerId=${'x'.repeat(MAX_TARGET_LENGTH)}`;
    expect(readRequestTarget(`/notifications${query}`)).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/longer than/) });
    expect(readRequestTarget(`/notifications?limit=50`)).toMatchObject({ kind: 'target' });
  });
});
