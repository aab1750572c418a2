import { Grade, Standing } from './grade';

/** A customer's profile as the CustomerActor keeps it. */
export interface CustomerProfile {
  customerId: string;
  name: string;
  email: string;
  passwordHash: string;
  registeredAt: string;
}

/** The profile as it may leave the CustomerActor: everything but the password hash. */
export type PublicProfile = Omit<CustomerProfile, 'passwordHash'>;

export function publicProfile({ customerId, name, email, registeredAt }: CustomerProfile): PublicProfile {
  return { customerId, name, email, registeredAt };
}

/** What `GET /customers/{id}` shows: the profile without its secret, with the standing. */
export interface CustomerView {
  customerId: string;
  name: string;
  email: string;
  grade: Grade;
  mileage: number;
  purchased: number;
}

/** Emails are unique regardless of case and surrounding space. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function customerView(profile: PublicProfile, standing: Standing): CustomerView {
  const { customerId, name, email } = profile;
  return { customerId, name, email, grade: standing.grade, mileage: standing.mileage, purchased: standing.purchased };
}

/** What checking a password answers: the public profile, or no match. */
export type VerifyPasswordResult = { ok: true; profile: PublicProfile } | { ok: false };
