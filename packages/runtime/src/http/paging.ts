import { z } from 'zod';

/** A page of a list: `nextCursor` fetches the next one; null when this is the last. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

/** `?limit=` (1..200, default 50) and `?cursor=` (opaque), as every list takes them. */
export const pageQuerySchema = z.object({
  limit: z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be at least 1').max(MAX_LIMIT, `must be at most ${MAX_LIMIT}`))
    .optional()
    .transform((limit) => limit ?? DEFAULT_LIMIT),
  cursor: z.string().max(200).optional(),
});

export type PageQuery = z.output<typeof pageQuerySchema>;

/**
 * Pages a list ordered newest first by id (ids sort by creation time): the cursor is the
 * last id of the previous page, so rows never move between pages when new ones arrive.
 */
export function pageByIdDescending<T>(sortedNewestFirst: T[], idOf: (item: T) => string, query: PageQuery): Page<T> {
  const start = query.cursor === undefined ? 0 : sortedNewestFirst.findIndex((item) => idOf(item) < query.cursor!);
  const from = start === -1 ? sortedNewestFirst.length : start;
  const items = sortedNewestFirst.slice(from, from + query.limit);
  const more = from + query.limit < sortedNewestFirst.length;
  return { items, nextCursor: more && items.length > 0 ? idOf(items[items.length - 1]!) : null };
}
