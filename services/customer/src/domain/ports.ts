import { Caller, CustomerRegisteredEvent } from '@bookstore/contracts';
import { CustomerProfile, CustomerView, PublicProfile } from './customer';

export interface Customers {
  /** Creates the profile; the same profile again is accepted (a retried call). */
  register(profile: CustomerProfile): Promise<'registered' | 'conflict'>;
  /** The profile without its password hash: the hash never leaves the customer's actor. */
  profile(customerId: string): Promise<PublicProfile | undefined>;
  /**
   * Checks a password against the customer's hash where the hash lives; the profile when it
   * matches, undefined when it does not or there is no such customer (as slow either way).
   */
  verifyPassword(customerId: string, password: string): Promise<PublicProfile | undefined>;
  /** The profile with the standing, in one call; undefined when there is no such customer. */
  view(customerId: string): Promise<CustomerView | undefined>;
  /** Forgets a profile whose email could not be claimed (compensation of a sign-up). */
  forget(customerId: string): Promise<void>;
}

/** The first customer to claim a normalised email owns it, whatever the race. */
export interface EmailClaims {
  claim(email: string, customerId: string): Promise<'claimed' | 'taken'>;
  owner(email: string): Promise<string | undefined>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
  /** Spends the time of a verification, so an unknown email answers as slowly as a wrong password. */
  burn(password: string): Promise<void>;
  /** Compares two secrets in constant time. */
  equals(given: string, expected: string): boolean;
}

export interface TokenIssuer {
  issue(caller: Caller): string;
}

export interface CustomerEvents {
  registered(event: CustomerRegisteredEvent): Promise<void>;
}

export interface AdminAccount {
  email: string;
  password: string;
}
