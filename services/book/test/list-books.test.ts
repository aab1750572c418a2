import { PublicBook } from '../src/domain/book';
import { listBooks, MAX_SCAN } from '../src/domain/list-books';
import { MemoryCatalog } from './fakes';

const row = (n: number, title = `Book ${n}`, author = 'Someone'): PublicBook => ({
  bookId: `B${String(n).padStart(5, '0')}`,
  title,
  author,
  price: 100,
  stock: 1,
});

async function catalogOf(rows: PublicBook[]): Promise<MemoryCatalog> {
  const catalog = new MemoryCatalog();
  for (const r of rows) await catalog.put(r);
  return catalog;
}

async function walk(catalog: MemoryCatalog, query: { q?: string; limit: number }): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await listBooks(catalog, { ...query, cursor });
    pages.push(page.items.map((b) => b.bookId));
    if (!page.nextCursor) return pages;
    cursor = page.nextCursor;
  }
}

describe('listing the catalog', () => {
  it('when books are listed, then the newest comes first', async () => {
    const page = await listBooks(await catalogOf([row(1), row(2), row(3)]), { limit: 50 });
    expect(page).toEqual({ items: [row(3), row(2), row(1)], nextCursor: null });
  });

  it('when the list is longer than the limit, then nextCursor walks every page once, without duplicates', async () => {
    const catalog = await catalogOf(Array.from({ length: 7 }, (_, i) => row(i + 1)));
    const pages = await walk(catalog, { limit: 3 });
    expect(pages).toEqual([['B00007', 'B00006', 'B00005'], ['B00004', 'B00003', 'B00002'], ['B00001']]);
  });

  it('when the last page is exactly full, then its nextCursor is null', async () => {
    const page = await listBooks(await catalogOf([row(1), row(2)]), { limit: 2 });
    expect(page.nextCursor).toBeNull();
  });

  it('when a book is registered between pages, then the next page neither repeats nor skips a row', async () => {
    const catalog = await catalogOf([row(1), row(2), row(3)]);
    const first = await listBooks(catalog, { limit: 2 });
    await catalog.put(row(4));
    const second = await listBooks(catalog, { limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((b) => b.bookId)).toEqual(['B00001']);
  });

  it('when q is given, then only matching books are listed, paged the same way', async () => {
    const catalog = await catalogOf([row(1, 'Kafka on the Shore'), row(2, 'Dapr'), row(3, 'Other', 'Franz KAFKA'), row(4, 'Kafka')]);
    expect(await walk(catalog, { q: 'kafka', limit: 2 })).toEqual([['B00004', 'B00003'], ['B00001']]);
  });

  it('when q matches little in a large catalog, then one page reads a bounded number of rows and goes on from there', async () => {
    const rows = Array.from({ length: MAX_SCAN + 500 }, (_, i) => row(i + 1, i === 0 ? 'Needle' : 'Hay'));
    const catalog = await catalogOf(rows);
    const first = await listBooks(catalog, { q: 'needle', limit: 10 });
    expect(first.items).toEqual([]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await listBooks(catalog, { q: 'needle', limit: 10, cursor: first.nextCursor ?? undefined });
    expect(second).toEqual({ items: [rows[0]], nextCursor: null });
  });
});
