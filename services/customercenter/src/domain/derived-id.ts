import { createHash } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32, as ULIDs use

/**
 * A ULID-shaped id made from a time and a seed instead of randomness: the same (time, seed)
 * gives the same id, so work redone after a redelivery writes the same rows again rather than
 * new ones; and it still sorts by its time like every other id.
 */
export function derivedId(ms: number, seed: string): string {
  let time = '';
  for (let t = Math.floor(ms), i = 0; i < 10; i++, t = Math.floor(t / 32)) time = ALPHABET[t % 32] + time;
  const digest = createHash('sha256').update(seed).digest();
  let random = '';
  for (let i = 0; i < 16; i++) random += ALPHABET[digest[i]! % 32];
  return time + random;
}
