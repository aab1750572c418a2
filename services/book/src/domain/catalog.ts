import { Book, PublicBook, publicBook } from './book';

/** What `?q=` matches: part of the title or the author, ignoring case. */
export function matchesQuery(book: PublicBook, q: string | undefined): boolean {
  const needle = q?.trim().toLowerCase();
  if (!needle) return true;
  return book.title.toLowerCase().includes(needle) || book.author.toLowerCase().includes(needle);
}

/**
 * Whether an actor must rewrite its catalog row: it has not written one in this activation
 * (`lastWritten` undefined), or what it last wrote is not what its committed state says
 * (the turn that wrote it then failed, so its state change was discarded).
 */
export function catalogRowStale(lastWritten: PublicBook | undefined, committed: Book): boolean {
  if (!lastWritten) return true;
  const current = publicBook(committed);
  return (Object.keys(current) as Array<keyof PublicBook>).some((field) => current[field] !== lastWritten[field]);
}
