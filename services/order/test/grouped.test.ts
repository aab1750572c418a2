import { Grouped } from '../src/adapters/outbound/grouped';

/** A send that keeps each group it was given, answered when the test says. */
function recorder() {
  const groups: Array<{ items: number[]; answer(results: Array<PromiseSettledResult<string>>): void; fail(error: Error): void }> = [];
  const send = (items: number[]) => new Promise<Array<PromiseSettledResult<string>>>((answer, fail) => groups.push({ items, answer, fail }));
  return { groups, send };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));
const done = (value: string): PromiseSettledResult<string> => ({ status: 'fulfilled', value });

describe('calls made one group at a time (group commit, bulk publish)', () => {
  it('when a call comes alone, then it goes at once, alone', async () => {
    const { groups, send } = recorder();
    const grouped = new Grouped(send, 50);
    const answer = grouped.call(1);
    expect(groups.map((g) => g.items)).toEqual([[1]]);
    groups[0]!.answer([done('one')]);
    expect(await answer).toBe('one');
  });

  it('when calls come while one is under way, then they go together next, at most maxGroup at a time, each with its own answer', async () => {
    const { groups, send } = recorder();
    const grouped = new Grouped(send, 2);
    const first = grouped.call(1);
    const rest = [grouped.call(2), grouped.call(3), grouped.call(4)];
    expect(groups).toHaveLength(1);
    groups[0]!.answer([done('a')]);
    await first;
    await flush();
    expect(groups.map((g) => g.items)).toEqual([[1], [2, 3]]);
    groups[1]!.answer([done('b'), { status: 'rejected', reason: new Error('key taken') }]);
    await expect(rest[0]).resolves.toBe('b');
    await expect(rest[1]).rejects.toThrow('key taken');
    await flush();
    expect(groups[2]!.items).toEqual([4]);
  });

  it('when a group fails as a whole, then every call in it fails, and the next group still goes', async () => {
    const { groups, send } = recorder();
    const grouped = new Grouped(send, 10);
    const first = grouped.call(1);
    groups[0]!.fail(new Error('sidecar down'));
    await expect(first).rejects.toThrow('sidecar down');
    await flush();
    const next = grouped.call(2);
    groups[1]!.answer([done('ok')]);
    expect(await next).toBe('ok');
  });
});
