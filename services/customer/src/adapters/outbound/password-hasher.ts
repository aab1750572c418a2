import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { PasswordHasher } from '../../domain/ports';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/** scrypt with a random 16-byte salt per password; the stored form names its parameters. */
export class ScryptHasher implements PasswordHasher {
  constructor(private readonly cost = { N: 16_384, r: 8, p: 1 }) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await this.derive(password, salt, this.cost);
    const { N, r, p } = this.cost;
    return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const [scheme, N, r, p, salt, key] = stored.split('$');
    if (scheme !== 'scrypt' || !salt || !key) return false;
    const expected = Buffer.from(key, 'base64url');
    const actual = await this.derive(password, Buffer.from(salt, 'base64url'), { N: Number(N), r: Number(r), p: Number(p) });
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }

  async burn(password: string): Promise<void> {
    await this.derive(password, Buffer.alloc(16), this.cost);
  }

  equals(given: string, expected: string): boolean {
    const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
    return timingSafeEqual(digest(given), digest(expected));
  }

  private derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
    return scryptAsync(password, salt, 32, { ...cost, maxmem: 64 * 1024 * 1024 });
  }
}
