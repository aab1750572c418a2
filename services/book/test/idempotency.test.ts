import { decide, idempotently } from '../src/domain/idempotency';
import { MemoryIdempotency } from './fakes';

describe('deciding on a request under an Idempotency-Key', () => {
  it('when the stored request had another body, then it is a mismatch', () => {
    expect(decide({ fingerprint: 'a', plan: 1 }, 'b')).toEqual({ kind: 'mismatch' });
  });

  it('when the stored request finished, then its result is replayed', () => {
    expect(decide({ fingerprint: 'a', plan: 1, result: 'done' }, 'a')).toEqual({ kind: 'replay', result: 'done' });
  });

  it("when the stored request never finished, then it goes on with the first attempt's plan", () => {
    expect(decide({ fingerprint: 'a', plan: 1 }, 'a')).toEqual({ kind: 'proceed', plan: 1 });
  });
});

describe('running work idempotently', () => {
  const request = (store: MemoryIdempotency, key: string | undefined, fingerprint: string, freshPlan: string) => ({
    store,
    scope: 's',
    callerId: 'admin',
    key,
    fingerprint,
    freshPlan,
  });

  it('when the same key and body come twice, then the work runs once and its result is replayed', async () => {
    const store = new MemoryIdempotency();
    const work = jest.fn(async (plan: string) => ({ result: `did ${plan}`, remember: true }));
    expect(await idempotently(request(store, 'k', 'f', 'p1'), work)).toEqual({ kind: 'done', result: 'did p1' });
    expect(await idempotently(request(store, 'k', 'f', 'p2'), work)).toEqual({ kind: 'done', result: 'did p1' });
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('when the same key comes with another body, then it is a mismatch and no work runs', async () => {
    const store = new MemoryIdempotency();
    const work = jest.fn(async () => ({ result: 'x', remember: true }));
    await idempotently(request(store, 'k', 'f1', 'p1'), work);
    expect(await idempotently(request(store, 'k', 'f2', 'p2'), work)).toEqual({ kind: 'mismatch' });
    expect(work).toHaveBeenCalledTimes(1);
  });

  it("when the first attempt failed midway, then the retry runs with the first attempt's plan", async () => {
    const store = new MemoryIdempotency();
    const plans: string[] = [];
    const failing = async (plan: string) => {
      plans.push(plan);
      throw new Error('lost');
    };
    await expect(idempotently(request(store, 'k', 'f', 'p1'), failing)).rejects.toThrow('lost');
    await idempotently(request(store, 'k', 'f', 'p2'), async (plan) => {
      plans.push(plan);
      return { result: 'ok', remember: true };
    });
    expect(plans).toEqual(['p1', 'p1']);
  });

  it('when a result is not to be remembered, then a retry runs the work again', async () => {
    const store = new MemoryIdempotency();
    const work = jest.fn(async () => ({ result: 'not found', remember: false }));
    await idempotently(request(store, 'k', 'f', 'p'), work);
    await idempotently(request(store, 'k', 'f', 'p'), work);
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('when no key is sent, then the work runs every time with a fresh plan', async () => {
    const store = new MemoryIdempotency();
    const work = jest.fn(async (plan: string) => ({ result: plan, remember: true }));
    await idempotently(request(store, undefined, 'f', 'p1'), work);
    expect(await idempotently(request(store, undefined, 'f', 'p2'), work)).toEqual({ kind: 'done', result: 'p2' });
    expect(store.records.size).toBe(0);
  });

  it('when two callers use the same key, then each has its own', async () => {
    const store = new MemoryIdempotency();
    const work = jest.fn(async (plan: string) => ({ result: plan, remember: true }));
    await idempotently(request(store, 'k', 'f1', 'p1'), work);
    expect(await idempotently({ ...request(store, 'k', 'f2', 'p2'), callerId: 'other' }, work)).toEqual({ kind: 'done', result: 'p2' });
  });
});
