import { decodeCursor, encodeCursor, pageNewestFirst } from '../src/adapters/outbound/newest-first-pages';

/** A store that pages by offset over ids kept newest first, as the state query does. */
function store(ids: string[]) {
  const rows = [...ids];
  const fetch = async (offset: number, count: number) =>
    [...rows]
      .sort()
      .reverse()
      .slice(offset, offset + count);
  return { rows, fetch };
}

const id = (n: number): string => `O${String(n).padStart(4, '0')}`;

async function all(fetch: (o: number, c: number) => Promise<string[]>, limit: number, between: () => void = () => undefined): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null | undefined;
  do {
    const page = await pageNewestFirst(fetch, (x) => x, limit, cursor ? decodeCursor(cursor) : undefined);
    seen.push(...page.items);
    cursor = page.nextCursor;
    between();
  } while (cursor);
  return seen;
}

describe('paging newest first over an offset-paged store', () => {
  it('when a list is read page by page, then every row comes once, newest first', async () => {
    const { fetch } = store(Array.from({ length: 7 }, (_, i) => id(i)));
    expect(await all(fetch, 3)).toEqual(Array.from({ length: 7 }, (_, i) => id(6 - i)));
  });

  it('when the list fills exactly the last page, then that page says there is no next one', async () => {
    const { fetch } = store([id(1), id(2)]);
    expect(await pageNewestFirst(fetch, (x) => x, 2)).toEqual({ items: [id(2), id(1)], nextCursor: null });
  });

  it('when new rows arrive between pages, then no row repeats or goes missing', async () => {
    const { rows, fetch } = store(Array.from({ length: 10 }, (_, i) => id(i)));
    let next = 100;
    const seen = await all(fetch, 3, () => void rows.push(id(next++), id(next++)));
    expect(seen).toEqual(Array.from({ length: 10 }, (_, i) => id(9 - i)));
  });

  it('when a page is served, then its cursor round-trips and a foreign cursor is refused', () => {
    expect(decodeCursor(encodeCursor({ offset: 3, lastId: 'X' }))).toEqual({ offset: 3, lastId: 'X' });
    expect(decodeCursor('junk')).toBeUndefined();
    expect(decodeCursor(Buffer.from('{"o":-1,"id":"x"}').toString('base64url'))).toBeUndefined();
  });
});
