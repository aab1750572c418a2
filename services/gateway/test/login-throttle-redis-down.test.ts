import Redis from 'ioredis';
import { createLogger, ProblemError } from '@bookstore/runtime';
import { LoginThrottle } from '../src/adapters/inbound/limits';
import { loginKeys } from '../src/domain/login-throttle';

describe('login throttle without Redis', () => {
  // A real client of a port nobody listens on: the throttle cannot count, so it must not admit.
  const redis = new Redis({ host: '127.0.0.1', port: 1, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  afterAll(() => redis.disconnect());

  it('when Redis cannot be reached, then a login is refused with 503 and Retry-After (fail closed)', async () => {
    const limits = { perAccountAndClient: 5, perClient: 100, windowSeconds: 900, perAccount: 100, accountBlockSeconds: 60 };
    const throttle = new LoginThrottle(redis, limits, createLogger('test'), 5);
    const refusal = await throttle.admit(loginKeys('{"email":"a@example.com"}', '10.0.0.1')).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ProblemError);
    expect((refusal as ProblemError).httpStatus).toBe(503);
    expect((refusal as ProblemError).headers['Retry-After']).toBe('5');
  });
});
