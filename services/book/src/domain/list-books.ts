import type { Page } from '@bookstore/runtime/schema';
import { PublicBook } from './book';
import { matchesQuery } from './catalog';
import { CatalogIndex } from './ports';

export interface ListBooksQuery {
  q?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** Rows read from the index per round trip. */
export const SCAN_BATCH = 200;
/**
 * At most this many rows are read for one page, so a `?q=` that matches little cannot make
 * one request read the whole catalog: the page then ends early, and `nextCursor` goes on
 * from the last row read.
 */
export const MAX_SCAN = 5_000;

/**
 * One page of the catalog, newest first, from the index alone (no actor is woken). The
 * cursor is the last bookId the page covered; ids sort by creation time, so a book
 * registered meanwhile never shifts rows between pages.
 */
export async function listBooks(catalog: CatalogIndex, query: ListBooksQuery): Promise<Page<PublicBook>> {
  const items: PublicBook[] = [];
  let before = query.cursor;
  let scanned = 0;
  for (;;) {
    const rows = await catalog.newestFirst(before, SCAN_BATCH);
    for (const row of rows) {
      scanned += 1;
      before = row.bookId;
      if (!matchesQuery(row, query.q)) continue;
      if (items.length === query.limit) {
        // One more match than the page holds: there is a next page, starting after the page's last item.
        return { items, nextCursor: items[items.length - 1]!.bookId };
      }
      items.push(row);
    }
    if (rows.length < SCAN_BATCH) return { items, nextCursor: null };
    if (scanned >= MAX_SCAN) return { items, nextCursor: before ?? null };
  }
}
