import { Page } from '@bookstore/runtime';

/**
 * Where the next page starts: the position reached in the store's newest-first order, and
 * the id of the last item handed out.
 */
export interface Cursor {
  offset: number;
  lastId: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ o: cursor.offset, id: cursor.lastId })).toString('base64url');
}

export function decodeCursor(text: string): Cursor | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as { o?: unknown; id?: unknown };
    if (typeof parsed.o !== 'number' || !Number.isSafeInteger(parsed.o) || parsed.o < 0) return undefined;
    if (typeof parsed.id !== 'string' || parsed.id.length === 0) return undefined;
    return { offset: parsed.o, lastId: parsed.id };
  } catch {
    return undefined;
  }
}

/** Reads `count` items from `offset` in newest-first (id descending) order. */
export type FetchSlice<T> = (offset: number, count: number) => Promise<T[]>;

/**
 * Pages a newest-first list from a store that only pages by offset (Dapr's state query on
 * PostgreSQL: its page token is an OFFSET, and its range filters refuse strings, so no
 * "id < cursor" filter). Orders are only ever added, never removed, so since the previous
 * page an offset can only have fallen behind: rows added since push older rows down. Items
 * not older than the cursor's last id were already handed out and are skipped; rows never
 * repeat or go missing between pages, whatever arrives meanwhile.
 */
export async function pageNewestFirst<T>(fetch: FetchSlice<T>, idOf: (item: T) => string, limit: number, cursor?: Cursor): Promise<Page<T>> {
  const items: T[] = [];
  let offset = cursor?.offset ?? 0;
  let lastOffset = offset;
  const batchSize = limit + 1;
  for (;;) {
    const batch = await fetch(offset, batchSize);
    for (const [i, item] of batch.entries()) {
      if (cursor && idOf(item) >= cursor.lastId) continue;
      if (items.length === limit) {
        return { items, nextCursor: encodeCursor({ offset: lastOffset + 1, lastId: idOf(items[items.length - 1]!) }) };
      }
      items.push(item);
      lastOffset = offset + i;
    }
    if (batch.length < batchSize) return { items, nextCursor: null };
    offset += batch.length;
  }
}
