import { adminAccountProblem } from '../src/domain/admin-account';

describe('the local admin account', () => {
  it('when running in production with the default password, then the service refuses to start', () => {
    expect(adminAccountProblem('production', 'admin')).toMatch(/default admin password/);
  });

  it.each([
    ['production', 'a-real-secret'],
    ['development', 'admin'],
  ])('when NODE_ENV is %p and the password %p, then it may start', (env, password) => {
    expect(adminAccountProblem(env, password)).toBeUndefined();
  });
});
