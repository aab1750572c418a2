import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import Redis from 'ioredis';
import { createLogger } from '@bookstore/runtime';
import { LoginThrottle } from '../../services/gateway/src/adapters/inbound/limits';
import { loginKeys } from '../../services/gateway/src/domain/login-throttle';
import { portPlan, readCredentials } from '../../tools/stack/src';
import { signUpCustomer } from '../support/auth';
import { gateway } from '../support/gateway';

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends a request exactly as written, on a socket of its own: supertest and fetch would
 * normalise `..` away before it left the client, and the attack would never be tried.
 */
function raw(method: string, target: string, headers: Record<string, string> = {}, body = ''): Promise<RawAnswer> {
  const url = new URL(process.env.GATEWAY_URL!);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    const lines = [`${method} ${target} HTTP/1.1`, `Host: ${url.host}`, 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
    if (body) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
    socket.on('connect', () => socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer to ${method} ${target}`)));
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const answerHeaders: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        answerHeaders[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers: answerHeaders, body: rest.join('\r\n\r\n') });
    });
  });
}

/** Anything that would show a secret, Dapr's internals or another app's answer got through. */
const LEAKS = /jwtSigningKey|adminPassword|signing-key|ERR_|daprd|"components"|"actors"|password/i;

describe('the gateway edge: only the public API is reachable', () => {
  it.each([
    '/books/../../../../../v1.0/secrets/secretstore/bulk',
    '/books/%2e%2e/%2e%2e/%2e%2e/v1.0/secrets/secretstore/bulk',
    '/books/%2E%2e/%2e%2E/v1.0/metadata',
    '/books/..%2f..%2fv1.0%2fsecrets%2fsecretstore%2fbulk',
    '/books/..%5c..%5cv1.0%5cmetadata',
    '/books/..\\..\\v1.0\\metadata',
    '//v1.0/metadata',
    '/books//../v1.0/shutdown',
    '/orders/../internal/orders/o1/fate',
    '/books/%252e%252e/%252e%252e/v1.0/metadata',
    '/v1.0/secrets/secretstore/bulk',
    '/v1.0/metadata',
    '/v1.0/publish/pubsub/OrderCancelled',
    '/internal/orders/o1/fate',
    '/actors/CustomerActor/c1/method/get',
    '/dapr/subscribe',
    '/books/%00',
    '/books/b1%00',
    '/orders/%00/cancel',
    '/customers/%c3%28',
    '/books/%zz',
  ])('when %p is asked as sent, then it is 400 or 404 problem+json and leaks nothing', async (target) => {
    for (const method of ['GET', 'POST', 'PUT']) {
      const answer = await raw(method, target, method === 'GET' ? {} : { 'Content-Type': 'application/json' }, method === 'GET' ? '' : '{}');
      expect([method, target, [400, 404]]).toEqual([method, target, expect.arrayContaining([answer.status])]);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.body).not.toMatch(LEAKS);
    }
  });

  it('when an id holds NUL or control characters, then it is 400; when it is merely not an id, 404; never a 5xx', async () => {
    for (const target of ['/books/%00', '/orders/o%0a1/cancel', '/myPages/%7f', '/customers/%c2%9b']) {
      const answer = await raw('GET', target);
      expect([target, answer.status]).toEqual([target, 400]);
    }
    for (const target of ['/books/has.dot', '/customers/a%20b', `/orders/${'x'.repeat(65)}`]) {
      const answer = await raw('GET', target);
      expect([target, answer.status]).toEqual([target, 404]);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('when a request cannot even be parsed as HTTP (a raw NUL or control character in the path), then it is 400 problem+json', async () => {
    for (const target of ['/books/\u0000', '/books/a\u0001b', '/books/\u007f']) {
      const answer = await raw('GET', target);
      expect([JSON.stringify(target), answer.status]).toEqual([JSON.stringify(target), 400]);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('when a public path is asked with another method, then it is 405 with Allow', async () => {
    const answer = await gateway().delete('/books/b1');
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET');
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await gateway().put('/books')).headers.allow).toBe('GET, POST');
  });

  it('when the login path is spelt another way, then it is 404 and no password is checked', async () => {
    const customer = await signUpCustomer();
    for (const target of ['/auth/LOGIN', '/Auth/login', '/auth/login/', '/auth//login', '/auth/./login']) {
      const answer = await raw('POST', target, { 'Content-Type': 'application/json' }, JSON.stringify({ email: customer.email, password: customer.password }));
      expect([target, answer.status]).toEqual([target, target.includes('/.') || target.includes('//') ? 400 : 404]);
      expect(answer.body).not.toContain('token');
    }
  });

  it('when 30 wrong passwords for one account arrive at once, then at most the limit (5) are checked and the rest are 429', async () => {
    const customer = await signUpCustomer();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        gateway()
          .post('/auth/login')
          .send({ email: customer.email, password: `wrong guess ${i}` }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    const checked = statuses.filter((s) => s === 401).length;
    expect(checked).toBeGreaterThanOrEqual(1);
    expect(checked).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - checked);
    const limited = answers.find((a) => a.status === 429)!;
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // The right password is refused too while the account is limited for this client.
    expect((await gateway().post('/auth/login').send({ email: customer.email, password: customer.password })).status).toBe(429);
  });

  it("when 500 guesses take their points at once in the stack's Redis, then exactly the limit are admitted", async () => {
    // The throttle itself, on the real Redis: 500 parallel requests through the gateway
    // would measure two shared cores, not the counting.
    const redis = new Redis({ host: '127.0.0.1', port: portPlan().plan.redis, password: readCredentials().redisPassword, keyPrefix: 'gateway-test:' });
    try {
      await redis.ping(); // the throttle refuses (503) until its client is connected
      const limits = { perAccountAndClient: 5, perClient: 1_000, windowSeconds: 60, perAccount: 1_000, accountBlockSeconds: 60 };
      const throttle = new LoginThrottle(redis, limits, createLogger('test'), 5);
      const keys = loginKeys(JSON.stringify({ email: `${randomUUID()}@example.com` }), `client-${randomUUID()}`);
      const outcomes = await Promise.all(
        Array.from({ length: 500 }, () =>
          throttle.admit(keys).then(
            async (attempt) => {
              await attempt.settle(401);
              return 'checked';
            },
            (error: { httpStatus?: number }) => String(error.httpStatus),
          ),
        ),
      );
      expect(outcomes.filter((o) => o === 'checked')).toHaveLength(5);
      expect(outcomes.filter((o) => o === '429')).toHaveLength(495);
    } finally {
      redis.disconnect();
    }
  });

  it('when a login succeeds after a failure, then the account starts over (the failure is forgiven)', async () => {
    const customer = await signUpCustomer();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++)
        expect(
          (
            await gateway()
              .post('/auth/login')
              .send({ email: customer.email, password: `nope ${i}` })
          ).status,
        ).toBe(401);
      expect((await gateway().post('/auth/login').send({ email: customer.email, password: customer.password })).status).toBe(200);
    }
  });

  it('when malformed login bodies arrive, then they are 400 and cost the account nothing', async () => {
    const customer = await signUpCustomer();
    for (let i = 0; i < 8; i++) {
      const answer = await gateway().post('/auth/login').set('content-type', 'application/json').send(`{"email":"${customer.email}",`);
      expect(answer.status).toBe(400);
    }
    expect((await gateway().post('/auth/login').send({ email: customer.email, password: customer.password })).status).toBe(200);
  });
});

describe('the gateway edge: headers', () => {
  const SECURITY = {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };

  it('when any answer comes back (a list, a token, an error, health), then it carries the security headers', async () => {
    const customer = await signUpCustomer();
    const answers = [
      await gateway().get('/books'),
      await gateway().post('/auth/login').send({ email: customer.email, password: customer.password }),
      await gateway()
        .post('/customers')
        .send({ name: 'H', email: `h-${Date.now()}@example.com`, password: 'long enough' }),
      await gateway().get('/nowhere'),
      await gateway().get('/healthz'),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 201, 404, 200]);
    for (const answer of answers) {
      expect(answer.headers).toMatchObject(SECURITY);
      expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
    const attack = await raw('GET', '/books/../../v1.0/metadata');
    expect(attack.headers).toMatchObject(SECURITY);
  });

  it('when a browser of another origin calls (CORS is off by default), then no CORS header is given and its preflight is refused', async () => {
    const call = await gateway().get('/books').set('Origin', 'https://evil.example');
    expect(call.status).toBe(200);
    expect(call.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await gateway()
      .options('/orders')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization, content-type');
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
  });
});
