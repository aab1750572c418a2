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
