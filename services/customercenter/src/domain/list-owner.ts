import type { Caller } from '@bookstore/contracts';

/** `not-found`: a customer named someone else (as unknown to them as a row of someone else's); `name-required`: an admin must name one. */
export type ListOwner = { customerId: string | undefined } | 'not-found' | 'name-required';

/**
 * Whose list a caller reads: a customer reads their own; an admin reads the customer named,
 * or, where `everyone` allows, all.
 */
export function listOwner(caller: Caller, requested: string | undefined, everyone: boolean): ListOwner {
  if (caller.role === 'customer') return requested === undefined || requested === caller.id ? { customerId: caller.id } : 'not-found';
  if (requested === undefined && !everyone) return 'name-required';
  return { customerId: requested };
}

/** A row's owner and an admin may read it. */
export function mayRead(caller: Caller, ownerId: string): boolean {
  return caller.role === 'admin' || caller.id === ownerId;
}
