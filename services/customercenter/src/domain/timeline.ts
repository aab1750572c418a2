/**
 * Lists are ordered newest first by creation time, then id. Each entry of a list has a sort
 * key, `<creation time in ms, zero-padded>|<id>`, whose string order is that order; Redis
 * keeps such keys in sorted sets (score 0, ordered by the bytes of the member), and the key of
 * the last entry of a page is the cursor of the next. A new entry never moves an old one from
 * its page, because a page is "everything below the cursor", not an offset.
 */
const WIDTH = 15; // milliseconds until the year 33658 at this width

export function sortKey(createdAtMs: number, id: string): string {
  return `${String(Math.max(0, Math.floor(createdAtMs))).padStart(WIDTH, '0')}|${id}`;
}

/** The smallest sort key of anything created at or after `ms`: a lower bound for a range. */
export function sortKeyFloor(ms: number): string {
  return String(Math.max(0, Math.floor(ms))).padStart(WIDTH, '0');
}

export function idOfSortKey(key: string): string {
  return key.slice(key.indexOf('|') + 1);
}

export function msOfSortKey(key: string): number {
  return Number(key.slice(0, key.indexOf('|')));
}

/** The milliseconds of an ISO timestamp; NaN for one that is not. */
export function msOf(iso: string): number {
  return Date.parse(iso);
}

/** Whether a string is a timestamp at all (an event's registeredAt must be, to be placed in a list). */
export function isTimestamp(value: string): boolean {
  return !Number.isNaN(msOf(value));
}

export interface MergedPage {
  /** The sort keys of the page, newest first. */
  keys: string[];
  /** The next page's cursor: the last key, when more entries follow. */
  nextCursor: string | null;
}

/**
 * Merges lists that are each sorted newest first (each already cut below the cursor and
 * holding at least `limit + 1` entries when it has that many) into one page of `limit`. A key
 * in two lists counts once. Because every list answers "the entries below the cursor", the
 * merged pages cover every entry exactly once, whatever each source holds.
 */
export function mergeNewestFirst(sources: string[][], limit: number): MergedPage {
  const all = [...new Set(sources.flat())].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  const keys = all.slice(0, limit);
  const more = all.length > limit;
  return { keys, nextCursor: more && keys.length > 0 ? keys[keys.length - 1]! : null };
}
