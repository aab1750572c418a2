import { createHash } from 'node:crypto';

/**
 * `Idempotency-Key` (API.md): the same key from the same caller within 24 h replays the
 * first answer; the same key with another body is 422. Each service remembers its answers.
 */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

/** A stable digest of a request body: the same JSON, keys in any order, gives the same one. */
export function fingerprint(body: unknown): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, v]) => [k, canonical(v)]),
      );
    }
    return value;
  };
  return createHash('sha256')
    .update(JSON.stringify(canonical(body ?? null)))
    .digest('hex');
}

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,200}$/;
