/**
 * The request target (path and query) as the client sent it, read strictly. Anything a
 * path could use to mean something other than what it says — dot segments, encoded `/` or
 * `\`, backslashes, empty segments, NUL and other control characters, bad percent
 * sequences, invalid UTF-8, double encoding — is refused here, before any route is matched.
 */
export type RequestTarget =
  | {
      kind: 'target';
      /** Decoded path segments: `/books/b1` is ['books', 'b1']. */
      segments: string[];
      /** The path ended in `/` (no public route does: the gateway answers 404). */
      trailingSlash: boolean;
      /** Decoded query parameters, in the order sent. */
      query: Array<[string, string]>;
    }
  | { kind: 'refused'; reason: string };

/** Outside visible ASCII: raw spaces, controls, DEL, any raw non-ASCII byte. */
const RAW_OUTSIDE_VISIBLE_ASCII = /[^\x21-\x7e]/;
/** C0 controls (NUL included), DEL and C1 controls, once decoded: matching them is the point. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const PERCENT_NOT_HEX = /%(?![0-9A-Fa-f]{2})/;

const refused = (reason: string): RequestTarget => ({ kind: 'refused', reason });

/**
 * No public route needs more (ids are 64 characters, cursors 200); a longer target would
 * only meet the sidecar's own header limit and its plain-text 431 on the way up.
 */
export const MAX_TARGET_LENGTH = 2_048;

/** Percent-decodes one component; undefined for a bad sequence or invalid UTF-8. */
function decodeStrictly(raw: string): string | undefined {
  if (PERCENT_NOT_HEX.test(raw)) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

function segmentProblem(raw: string): string | { decoded: string } {
  const decoded = decodeStrictly(raw);
  if (decoded === undefined) return 'a path segment has a bad percent sequence or invalid UTF-8';
  if (decoded === '.' || decoded === '..') return 'dot segments are not allowed';
  if (decoded.includes('/') || decoded.includes('\\')) return 'encoded slashes and backslashes are not allowed';
  if (CONTROL.test(decoded)) return 'control characters (NUL included) are not allowed';
  if (decoded.includes('%')) return 'double-encoded paths are not allowed';
  return { decoded };
}

function readQuery(raw: string): Array<[string, string]> | string {
  const pairs: Array<[string, string]> = [];
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const [rawName, rawValue] = eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
    const name = decodeStrictly(rawName.replace(/\+/g, ' '));
    const value = decodeStrictly(rawValue.replace(/\+/g, ' '));
    if (name === undefined || value === undefined) return 'a query parameter has a bad percent sequence or invalid UTF-8';
    if (CONTROL.test(name) || CONTROL.test(value)) return 'control characters (NUL included) are not allowed in the query';
    pairs.push([name, value]);
  }
  return pairs;
}

/** Reads a raw request target (`req.originalUrl`, never a normalised form of it). */
export function readRequestTarget(raw: string): RequestTarget {
  if (raw.length > MAX_TARGET_LENGTH) return refused(`the request target is longer than ${MAX_TARGET_LENGTH} characters`);
  if (RAW_OUTSIDE_VISIBLE_ASCII.test(raw)) return refused('the request target has raw spaces, control or non-ASCII characters');
  if (raw.includes('#')) return refused('a request target has no fragment');
  const mark = raw.indexOf('?');
  const path = mark < 0 ? raw : raw.slice(0, mark);
  if (!path.startsWith('/')) return refused('the request target must be a path starting with /');
  if (path.includes('\\')) return refused('backslashes are not allowed');
  const raws = path.slice(1).split('/');
  const trailingSlash = raws.length > 1 && raws[raws.length - 1] === '';
  if (trailingSlash) raws.pop();
  if (path === '/') raws.pop();
  const segments: string[] = [];
  for (const rawSegment of raws) {
    if (rawSegment === '') return refused('empty path segments (//) are not allowed');
    const read = segmentProblem(rawSegment);
    if (typeof read === 'string') return refused(read);
    segments.push(read.decoded);
  }
  const query = mark < 0 ? [] : readQuery(raw.slice(mark + 1));
  if (typeof query === 'string') return refused(query);
  return { kind: 'target', segments, trailingSlash, query };
}
