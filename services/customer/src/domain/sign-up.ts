import { CustomerProfile, normalizeEmail } from './customer';
import { Customers, CustomerEvents, EmailClaims, PasswordHasher, TokenIssuer } from './ports';

export interface SignUpRequest {
  customerId: string;
  name: string;
  email: string;
  password: string;
  registeredAt: string;
}

export type SignUpResult = { kind: 'registered'; profile: CustomerProfile; token: string } | { kind: 'email-taken' };

export interface SignUpDeps {
  customers: Customers;
  emails: EmailClaims;
  hasher: PasswordHasher;
  tokens: TokenIssuer;
  events: CustomerEvents;
}

/**
 * Signs a customer up. The profile is written before the email is claimed: if the claim
 * loses a race, the profile is forgotten again; if we die in between, what remains is a
 * profile no email leads to, which nobody can log in to — never an email that is claimed
 * by nobody.
 */
export async function signUp(deps: SignUpDeps, request: SignUpRequest): Promise<SignUpResult> {
  const email = normalizeEmail(request.email);
  if ((await deps.emails.owner(email)) !== undefined) return { kind: 'email-taken' };
  const profile: CustomerProfile = {
    customerId: request.customerId,
    name: request.name,
    email,
    passwordHash: await deps.hasher.hash(request.password),
    registeredAt: request.registeredAt,
  };
  await deps.customers.register(profile);
  if ((await deps.emails.claim(email, profile.customerId)) === 'taken') {
    await deps.customers.forget(profile.customerId);
    return { kind: 'email-taken' };
  }
  const { customerId, name, registeredAt } = profile;
  await deps.events.registered({ customerId, name, email, registeredAt });
  return { kind: 'registered', profile, token: deps.tokens.issue({ role: 'customer', id: customerId }) };
}
