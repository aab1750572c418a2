import { FailureWindow, RequestBudget } from '../src/domain/rate-limits';

describe('failed-login window', () => {
  it('when failures stay under the limit, then attempts go ahead', () => {
    const window = new FailureWindow(3, 60_000);
    window.recordFailure('a', 0);
    window.recordFailure('a', 1_000);
    expect(window.retryAfterMs('a', 2_000)).toBe(0);
  });

  it('when the limit is reached, then the next attempt waits until the oldest failure ages out', () => {
    const window = new FailureWindow(3, 60_000);
    for (const t of [0, 1_000, 2_000]) window.recordFailure('a', t);
    expect(window.retryAfterMs('a', 10_000)).toBe(50_000);
    expect(window.retryAfterMs('a', 60_001)).toBe(0);
  });

  it('when an account is limited, then other accounts are not', () => {
    const window = new FailureWindow(1, 60_000);
    window.recordFailure('a', 0);
    expect(window.retryAfterMs('b', 1)).toBe(0);
  });

  it('when a login succeeds, then its failures are forgotten', () => {
    const window = new FailureWindow(1, 60_000);
    window.recordFailure('a', 0);
    window.reset('a');
    expect(window.retryAfterMs('a', 1)).toBe(0);
  });
});

describe('request budget', () => {
  it('when no limit is set, then nothing is ever refused', () => {
    const budget = new RequestBudget(0);
    for (let i = 0; i < 1_000; i++) expect(budget.take('c', 0)).toBe(0);
  });

  it('when a client spends its minute, then it waits for the next one', () => {
    const budget = new RequestBudget(2);
    expect(budget.take('c', 0)).toBe(0);
    expect(budget.take('c', 0)).toBe(0);
    expect(budget.take('c', 15_000)).toBe(45_000);
    expect(budget.take('c', 60_000)).toBe(0);
  });
});
