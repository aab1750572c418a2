import { ADMIN_EMAIL, ADMIN_ID } from '@bookstore/contracts';
import { normalizeEmail } from './customer';
import { AdminAccount, Customers, EmailClaims, PasswordHasher, TokenIssuer } from './ports';

export type LoginResult = { kind: 'admin'; token: string } | { kind: 'customer'; token: string; customerId: string } | { kind: 'denied' };

export interface LoginDeps {
  customers: Customers;
  emails: EmailClaims;
  hasher: PasswordHasher;
  tokens: TokenIssuer;
  admin: AdminAccount;
}

/** Checks credentials. Every failure looks the same, so a caller cannot tell which part was wrong. */
export async function login(deps: LoginDeps, email: string, password: string): Promise<LoginResult> {
  const normalized = normalizeEmail(email);
  if (normalized === ADMIN_EMAIL) {
    return deps.hasher.equals(password, deps.admin.password)
      ? { kind: 'admin', token: deps.tokens.issue({ role: 'admin', id: ADMIN_ID }) }
      : { kind: 'denied' };
  }
  const customerId = await deps.emails.owner(normalized);
  if (!customerId) {
    await deps.hasher.burn(password);
    return { kind: 'denied' };
  }
  const profile = await deps.customers.verifyPassword(customerId, password);
  if (!profile) return { kind: 'denied' };
  return { kind: 'customer', customerId: profile.customerId, token: deps.tokens.issue({ role: 'customer', id: profile.customerId }) };
}
