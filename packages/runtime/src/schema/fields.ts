import { z } from 'zod';

// Field schemas for actor bodies, events and HTTP inputs. Pure zod: a domain may import them.

/** A JSON number that is a safe integer within bounds: what actor bodies and events carry. */
export function safeInt(bounds: { min?: number; max?: number } = {}) {
  let target = z.number().int('must be a whole number').refine(Number.isSafeInteger, 'must be a safe integer');
  if (bounds.min !== undefined) target = target.refine((n) => n >= bounds.min!, `must be at least ${bounds.min}`);
  if (bounds.max !== undefined) target = target.refine((n) => n <= bounds.max!, `must be at most ${bounds.max}`);
  return target;
}

/** The id format: every id a service keeps or sends matches it. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** An id as services send it to each other (actor bodies, events): a string, never a number. */
export const idString = z.string().regex(ID_PATTERN, 'must be an id (letters, digits, _ or -)');

/**
 * What a name or a title may not hold: C0 and C1 controls and DEL (tab and newline too:
 * a title is one line), bidirectional overrides, embeddings, isolates and marks (they let
 * a title display as something it is not: "Trojan Source"), zero-width space, word joiner
 * and byte-order mark (ZWNJ and ZWJ stay: some scripts and emoji need them), and lone
 * surrogates (not text; they break UTF-8 encoders downstream).
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_TEXT = /[\u0000-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/;
/** Read code unit by code unit (no `u` flag), so a high surrogate without its low half shows. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a string holds only characters a one-line name or title may show. */
export function isPlainText(text: string): boolean {
  return !FORBIDDEN_TEXT.test(text) && !LONE_SURROGATE.test(text);
}

/**
 * A one-line name or title: trimmed, in NFC (so two spellings of "é" are one title), of
 * `min`..`max` characters (code points, after normalising), free of control, bidi and
 * zero-width characters.
 */
export function textField(bounds: { min?: number; max: number }) {
  const min = bounds.min ?? 0;
  return z
    .string({ error: 'must be text' })
    .max(bounds.max * 4, `must be at most ${bounds.max} characters`) // cheap guard before normalising a huge string
    .refine(isPlainText, 'must not contain control, bidirectional or invisible characters')
    .transform((text) => text.normalize('NFC').trim())
    .refine((text) => [...text].length >= min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
    .refine((text) => [...text].length <= bounds.max, `must be at most ${bounds.max} characters`);
}

/**
 * Text that services send each other (actor bodies, events): written by a service that
 * already trimmed and normalised it, so it is checked, never transformed; a replayed body
 * must compare equal to the first.
 */
export function plainText(bounds: { min?: number; max: number }) {
  return z
    .string({ error: 'must be text' })
    .min(bounds.min ?? 0, 'must not be empty')
    .max(bounds.max, `must be at most ${bounds.max} characters`)
    .refine(isPlainText, 'must not contain control, bidirectional or invisible characters');
}

/** An email address (RFC 5321's 254 characters at most), trimmed; ASCII only, as the sign-up takes it. */
export const emailField = z
  .string({ error: 'must be an email address' })
  .trim()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email('must be an email address'));

/** An ISO-8601 instant as `Date#toISOString` writes it (UTC, milliseconds optional). */
export const timestampField = z.iso.datetime({ message: 'must be an ISO-8601 UTC time' });

const DIGITS = /^\d+$/;

/**
 * An integer sent as a JSON number or as a string of decimal digits (httpie sends `qty=1`
 * as "1"); anything else ("two", 1.5, "") is invalid. Always a safe integer.
 */
export function intField(bounds: { min?: number; max?: number } = {}) {
  return z
    .union([z.number(), z.string().regex(DIGITS, 'must be a whole number')], {
      error: 'must be a whole number',
    })
    .transform(Number)
    .pipe(safeInt(bounds));
}

/** An id: a string of letters, digits, `_` or `-`, or a JSON number read as its string. */
export const idField = z
  .union([z.string().regex(ID_PATTERN, 'must be an id (letters, digits, _ or -)'), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)], {
    error: 'must be an id',
  })
  .transform(String);

/**
 * An opaque paging cursor: whatever a list gave, which is always printable ASCII; anything
 * else (NUL, spaces, non-ASCII) is no cursor any list gave.
 */
export const cursorField = z
  .string()
  .max(200, 'must be at most 200 characters')
  .regex(/^[\x21-\x7E]+$/, 'not a cursor this list gave');
