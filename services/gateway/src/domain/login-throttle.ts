import { createHash } from 'node:crypto';

/**
 * Who a login attempt is counted against. Failed logins are limited three ways, so that
 * guessing is slow and yet nobody can lock the admin out for good:
 * - per account and client: strict (5 in 15 minutes); this is the guesser's own backoff,
 *   and it does not touch the same account from any other client;
 * - per client: looser, against one client trying many accounts;
 * - per account from any client: a high ceiling with a short block, against many clients
 *   guessing one password; the most it costs the real owner is that short block.
 * Keys are hashes: no email address is stored in Redis, and no key grows with the input.
 */
export interface LoginKeys {
  accountAndClient: string;
  client: string;
  account: string;
}

/** As the customer service reads it (trimmed, lower case), so no spelling gets a fresh count. */
export function accountOf(body: string | undefined): string {
  try {
    const email = (JSON.parse(body ?? '') as { email?: unknown } | null)?.email;
    return typeof email === 'string' ? email.trim().toLowerCase() : '';
  } catch {
    return ''; // not JSON: the customer service answers 400, and the attempt is refunded
  }
}

const hash = (...parts: string[]): string => createHash('sha256').update(JSON.stringify(parts)).digest('base64url');

export function loginKeys(body: string | undefined, clientAddress: string): LoginKeys {
  const account = accountOf(body);
  return { accountAndClient: hash(account, clientAddress), client: hash(clientAddress), account: hash(account) };
}

/** What a settled attempt does to the points it took. */
export type Settlement = 'keep' | 'forgive' | 'refund';

/**
 * A wrong password (401) keeps its points; a success forgives the account and client (its
 * backoff starts over) and refunds the rest; anything else (a 400, the service down) was no
 * password check at all and is refunded.
 */
export function settlementFor(status: number): Settlement {
  if (status === 401) return 'keep';
  if (status >= 200 && status < 300) return 'forgive';
  return 'refund';
}
