import { groupsByKey } from '../src/schema/batching';

describe('grouping a batch by key', () => {
  it('when items of several keys arrive mixed, then each key gets its items in arrival order, groups in order of first arrival', () => {
    expect(groupsByKey(['a1', 'b1', 'a2', 'c1', 'b2'], (s) => s[0]!, 10)).toEqual([
      { key: 'a', indices: [0, 2] },
      { key: 'b', indices: [1, 4] },
      { key: 'c', indices: [3] },
    ]);
  });

  it('when a key has more items than a group may hold, then it gets several groups of at most that many', () => {
    const groups = groupsByKey(['x', 'x', 'x', 'x', 'x'], (s) => s, 2);
    expect(groups.map((g) => g.indices)).toEqual([[0, 1], [2, 3], [4]]);
  });

  it('when the batch is empty, then there is no group', () => {
    expect(groupsByKey([], String, 3)).toEqual([]);
  });
});
