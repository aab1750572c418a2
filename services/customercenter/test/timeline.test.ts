import { idOfSortKey, mergeNewestFirst, msOfSortKey, sortKey, sortKeyFloor } from '../src/domain/timeline';

/** Pages through sources the way the store does: each source cut below the cursor, limit + 1 long. */
function pageAll(sources: string[][], limit: number): string[][] {
  const pages: string[][] = [];
  let cursor: string | null | undefined;
  do {
    const cut = sources.map((s) =>
      [...s]
        .sort()
        .reverse()
        .filter((k) => cursor === undefined || cursor === null || k < cursor)
        .slice(0, limit + 1),
    );
    const page = mergeNewestFirst(cut, limit);
    pages.push(page.keys);
    cursor = page.nextCursor;
  } while (cursor);
  return pages;
}

describe('timeline sort keys', () => {
  it('when two entries were created at different times, then the newer key sorts higher', () => {
    expect(sortKey(2000, 'A') > sortKey(1000, 'Z')).toBe(true);
    expect(sortKey(10_000, 'A') > sortKey(9_999, 'Z')).toBe(true);
  });

  it('when two entries share a millisecond, then the id breaks the tie', () => {
    expect(sortKey(1000, 'B') > sortKey(1000, 'A')).toBe(true);
  });

  it('when a key is read back, then its id and time come out', () => {
    expect(idOfSortKey(sortKey(1234, 'X|Y'))).toBe('X|Y');
    expect(msOfSortKey(sortKey(1234, 'X'))).toBe(1234);
  });

  it('when a floor is taken at a millisecond, then keys of that millisecond are above it and earlier ones below', () => {
    expect(sortKey(1000, 'A') >= sortKeyFloor(1000)).toBe(true);
    expect(sortKey(999, 'Z') < sortKeyFloor(1000)).toBe(true);
  });
});

describe('merging stored notifications with announcements for paging', () => {
  const stored = [sortKey(1, 'r1'), sortKey(4, 'r4'), sortKey(7, 'r7'), sortKey(8, 'r8')];
  const announced = [sortKey(2, 'n2'), sortKey(3, 'n3'), sortKey(5, 'n5'), sortKey(6, 'n6'), sortKey(9, 'n9')];
  const everything = [...stored, ...announced].sort().reverse();

  it.each([1, 2, 3, 4, 9, 10])('when paging with limit %i, then every entry appears exactly once, newest first', (limit) => {
    const pages = pageAll([stored, announced], limit);
    expect(pages.flat()).toEqual(everything);
    for (const page of pages.slice(0, -1)) expect(page).toHaveLength(limit);
  });

  it('when one source is empty, then the other pages as it is', () => {
    expect(pageAll([[], announced], 2).flat()).toEqual([...announced].reverse());
  });

  it('when an entry is added above the first page after it was read, then the next pages are unchanged', () => {
    const first = mergeNewestFirst([stored.slice().reverse().slice(0, 4), announced.slice().reverse().slice(0, 4)], 3);
    const newer = [...stored, sortKey(100, 'r100')];
    const cursor = first.nextCursor!;
    const cut = [newer, announced].map((s) =>
      [...s]
        .sort()
        .reverse()
        .filter((k) => k < cursor)
        .slice(0, 4),
    );
    expect(mergeNewestFirst(cut, 3).keys).toEqual(everything.slice(3, 6));
  });

  it('when the last page is read, then there is no next cursor', () => {
    expect(mergeNewestFirst([[sortKey(1, 'a')], []], 5)).toEqual({ keys: [sortKey(1, 'a')], nextCursor: null });
  });

  it('when both sources hold one key, then it counts once', () => {
    expect(mergeNewestFirst([[sortKey(1, 'a')], [sortKey(1, 'a')]], 5).keys).toEqual([sortKey(1, 'a')]);
  });
});
