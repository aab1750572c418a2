import { judgeAnswer } from '../src/adapters/outbound/upstream';

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
