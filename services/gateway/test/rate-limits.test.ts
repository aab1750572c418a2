import { RequestBudget } from '../src/domain/rate-limits';

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
