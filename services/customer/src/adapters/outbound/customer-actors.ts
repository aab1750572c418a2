import { createHash } from 'node:crypto';
import { Sidecar } from '@bookstore/runtime';
import { CUSTOMER_ACTOR_METHODS as M, CUSTOMER_ACTOR_TYPE, EMAIL_CLAIM_ACTOR_METHODS, EMAIL_CLAIM_ACTOR_TYPE, RecordManyRequest } from '@bookstore/contracts';
import { CustomerProfile, CustomerView, customerView, PublicProfile, VerifyPasswordResult } from '../../domain/customer';
import { Standing } from '../../domain/grade';
import { Customers, EmailClaims } from '../../domain/ports';

/** An EmailClaimActor's id: a digest of the normalised email, so addresses never appear in keys or logs. */
export function emailClaimId(normalizedEmail: string): string {
  return createHash('sha256').update(normalizedEmail).digest('hex');
}

/** This service's CustomerActors, through its sidecar. */
export class CustomerActors implements Customers {
  constructor(private readonly sidecar: Sidecar) {}

  private call<T>(customerId: string, method: (typeof M)[keyof typeof M], body: unknown = {}): Promise<T> {
    return this.sidecar.invokeActor<T>(CUSTOMER_ACTOR_TYPE, customerId, method, body);
  }

  register(profile: CustomerProfile): Promise<'registered' | 'conflict'> {
    return this.call(profile.customerId, M.register, profile);
  }

  async profile(customerId: string): Promise<PublicProfile | undefined> {
    return (await this.call<PublicProfile | null>(customerId, M.profile)) ?? undefined;
  }

  async verifyPassword(customerId: string, password: string): Promise<PublicProfile | undefined> {
    const result = await this.call<VerifyPasswordResult>(customerId, M.verifyPassword, { password });
    return result.ok ? result.profile : undefined;
  }

  async view(customerId: string): Promise<CustomerView | undefined> {
    const found = await this.call<{ profile: PublicProfile; standing: Standing } | null>(customerId, M.view);
    return found ? customerView(found.profile, found.standing) : undefined;
  }

  async forget(customerId: string): Promise<void> {
    await this.call(customerId, M.forget);
  }

  /** Records a batch of one customer's order events in one actor turn (at most MAX_RECORDS). */
  async recordMany(customerId: string, request: RecordManyRequest): Promise<void> {
    await this.call(customerId, M.recordMany, request);
  }
}

/** Email claims on EmailClaimActors. */
export class EmailClaimActors implements EmailClaims {
  constructor(private readonly sidecar: Sidecar) {}

  claim(email: string, customerId: string): Promise<'claimed' | 'taken'> {
    return this.sidecar.invokeActor(EMAIL_CLAIM_ACTOR_TYPE, emailClaimId(email), EMAIL_CLAIM_ACTOR_METHODS.claim, { customerId });
  }

  async owner(email: string): Promise<string | undefined> {
    return (await this.sidecar.invokeActor<string | null>(EMAIL_CLAIM_ACTOR_TYPE, emailClaimId(email), EMAIL_CLAIM_ACTOR_METHODS.owner, {})) ?? undefined;
  }
}
