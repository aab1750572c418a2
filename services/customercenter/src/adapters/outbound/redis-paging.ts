import Redis from 'ioredis';
import type { Page, PageQuery } from '@bookstore/runtime';

/** The upper bound of a newest-first range: below the cursor, or from the top. */
export function below(cursor: string | undefined): string {
  return cursor === undefined ? '+' : `(${cursor}`;
}

/**
 * One page of a sorted set whose members sort newest first in reverse byte order (score 0).
 * `load` turns members into rows; a member without a row (an order whose own event has not
 * arrived yet) is skipped, and more members are read so the page is still full. The cursor
 * is the member of the page's last row.
 */
export async function pageOfSortedSet<T>(
  redis: Redis,
  key: string,
  query: PageQuery,
  load: (members: string[]) => Promise<Array<T | undefined>>,
  min = '-',
): Promise<Page<T>> {
  const rows: Array<{ member: string; row: T }> = [];
  let max = below(query.cursor);
  for (;;) {
    const wanted = query.limit + 1 - rows.length;
    const members = await redis.zrevrangebylex(key, max, min, 'LIMIT', 0, wanted);
    const loaded = members.length > 0 ? await load(members) : [];
    members.forEach((member, i) => {
      const row = loaded[i];
      if (row !== undefined) rows.push({ member, row });
    });
    if (members.length < wanted || rows.length > query.limit) break;
    max = `(${members[members.length - 1]!}`;
  }
  const page = rows.slice(0, query.limit);
  const more = rows.length > query.limit;
  return { items: page.map((r) => r.row), nextCursor: more && page.length > 0 ? page[page.length - 1]!.member : null };
}
