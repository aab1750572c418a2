import { judgeAnswer, notHandled } from '../src/adapters/outbound/upstream';

const problemJson = 'application/problem+json';
const ours = (status: number): string => JSON.stringify({ type: 'https://bookstore.example/problems/service-unavailable', title: 'x', status, detail: 'd' });

describe('what the client may see of an upstream answer', () => {
  it.each([
    [200, 'application/json', '{"items":[]}'],
    [404, problemJson, ours(404)],
    [409, problemJson, ours(409)],
    [503, problemJson, ours(503)],
    [500, 'application/problem+json; charset=utf-8', ours(500)],
  ])('when the service answers %p %s, then it is passed on', (status, type, body) => {
    expect(judgeAnswer(status, type, body)).toBe('pass');
  });

  it.each([
    [500, 'application/json', '{"errorCode":"ERR_DIRECT_INVOKE","message":"fail to invoke, id: order, err: ..."}'],
    [403, 'application/json', '{"errorCode":"ERR_PERMISSION_DENIED","message":"access control policy has denied access"}'],
    [404, 'application/json', '{"errorCode":"ERR_ACTOR_INSTANCE_MISSING","message":"..."}'],
    [200, 'application/json', '{"errorCode":"ERR_SECRET_GET","message":"..."}'],
  ])('when Dapr answers %p with its own error, then the client hears only "unavailable"', (status, type, body) => {
    expect(judgeAnswer(status, type, body)).toBe('unavailable');
  });

  it.each([
    [500, 'text/html', '<html>stack trace</html>'],
    [502, 'application/json', '{"message":"upstream"}'],
    [500, 'application/problem+json', '{"type":"about:blank","title":"x"}'],
    [503, 'application/json', ours(503)],
    [500, null, ''],
  ])('when a %p answer is not a problem of ours, then its body is never passed on', (status, type, body) => {
    expect(judgeAnswer(status, type, body)).toBe('broken');
  });
});

describe('a call the service did not act on', () => {
  const dapr = (message: string) => JSON.stringify({ errorCode: 'ERR_DIRECT_INVOKE', message });

  it.each([
    [
      'a sidecar that has not yet seen its app healthy',
      'failed to invoke, id: order, err: rpc error: code = Internal desc = error invoking app channel: rpc error: code = Internal desc = app is not in a healthy state',
    ],
    [
      'a sidecar whose app is not listening',
      'failed to invoke, id: order, err: rpc error: code = Internal desc = error invoking app channel: Post "http://127.0.0.1:7303/orders": dial tcp 127.0.0.1:7303: connect: connection refused',
    ],
    ['no instance known to name resolution', 'failed to invoke, id: book, err: no host found with the given ID'],
    [
      'a target sidecar that has stopped',
      'failed to invoke, id: order, err: failed to invoke target order after 3 retries. Error: rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp 198.18.0.22:50002: connect: connection refused"',
    ],
  ])('when Dapr reports %p, then the call may be sent again, even a POST', (_case, message) => {
    expect(notHandled(500, 'application/json', dapr(message))).toBe(true);
  });

  it.each([
    ['the app closed the connection mid-request', 500, dapr('error invoking app channel: Post "http://127.0.0.1:7003/orders": EOF')],
    ['a timeout', 500, dapr('failed to invoke, id: order, err: context deadline exceeded')],
    [
      'access control',
      403,
      JSON.stringify({ errorCode: 'ERR_PERMISSION_DENIED', message: 'access control policy has denied access: app is not in a healthy state' }),
    ],
    ['another 503 of the service', 503, JSON.stringify({ type: 'https://bookstore.example/problems/stock-unavailable', title: 'x', status: 503 })],
  ])('when the answer is %p, then it is not sent again (the app may have acted on it)', (_case, status, body) => {
    expect(notHandled(status, 'application/json', body)).toBe(false);
  });

  it('when the service refused the call before any route (a dependency not known up), then it may be sent again', () => {
    expect(notHandled(503, problemJson, ours(503))).toBe(true);
    expect(notHandled(503, 'text/plain', ours(503))).toBe(false);
  });
});
