import { corsAnswer } from '../src/domain/cors';

describe('cors', () => {
  const allowed = ['https://shop.example'];

  it('when no origin is configured, then no request gets a CORS header and preflights are refused', () => {
    expect(corsAnswer([], 'GET', 'https://shop.example', undefined)).toEqual({ kind: 'none' });
    expect(corsAnswer([], 'OPTIONS', 'https://shop.example', 'POST')).toEqual({ kind: 'preflight', allowed: false, headers: {} });
  });

  it('when an allowed origin calls, then its own origin is echoed and credentials are never allowed', () => {
    const answer = corsAnswer(allowed, 'POST', 'https://shop.example', undefined);
    expect(answer.kind).toBe('allowed');
    if (answer.kind === 'allowed') {
      expect(answer.headers['Access-Control-Allow-Origin']).toBe('https://shop.example');
      expect(answer.headers.Vary).toBe('Origin');
      expect(Object.keys(answer.headers)).not.toContain('Access-Control-Allow-Credentials');
    }
  });

  it('when an allowed origin preflights, then it is answered with the methods and headers of the API', () => {
    const answer = corsAnswer(allowed, 'OPTIONS', 'https://shop.example', 'PATCH');
    expect(answer).toMatchObject({ kind: 'preflight', allowed: true, headers: { 'Access-Control-Allow-Methods': 'GET, POST, PATCH' } });
  });

  it.each(['https://evil.example', 'https://shop.example.evil.example', 'http://shop.example', 'null', 'https://SHOP.example'])(
    'when %p calls, then it gets no CORS header',
    (origin) => {
      expect(corsAnswer(allowed, 'GET', origin, undefined)).toEqual({ kind: 'none' });
      expect(corsAnswer(allowed, 'OPTIONS', origin, 'GET')).toMatchObject({ kind: 'preflight', allowed: false });
    },
  );

  it('when there is no Origin header (not a browser), then nothing changes', () => {
    expect(corsAnswer(allowed, 'GET', undefined, undefined)).toEqual({ kind: 'none' });
    expect(corsAnswer(allowed, 'OPTIONS', undefined, 'GET')).toEqual({ kind: 'none' });
  });
});
