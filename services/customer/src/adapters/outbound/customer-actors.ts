import { Sidecar } from '@bookstore/runtime';
import { CustomerProfile, CustomerView, customerView, PublicProfile } from '../../domain/customer';
import { Standing } from '../../domain/grade';
import { Customers, EmailClaims } from '../../domain/ports';
import { CUSTOMER_ACTOR_TYPE, RecordManyRequest, VerifyPasswordResult } from '../inbound/customer-actor';
import { EMAIL_CLAIM_ACTOR_TYPE, emailClaimId } from '../inbound/email-claim-actor';

/** This service's CustomerActors, through its sidecar. */
export class CustomerActors implements Customers {
  constructor(private readonly sidecar: Sidecar) {}

  private call<T>(customerId: string, method: string, body: unknown = {}): Promise<T> {
    return this.sidecar.invokeActor<T>(CUSTOMER_ACTOR_TYPE, customerId, method, body);
  }

  register(profile: CustomerProfile): Promise<'registered' | 'conflict'> {
    return this.call(profile.customerId, 'register', profile);
  }

  async profile(customerId: string): Promise<PublicProfile | undefined> {
    return (await this.call<PublicProfile | null>(customerId, 'profile')) ?? undefined;
  }

  async verifyPassword(customerId: string, password: string): Promise<PublicProfile | undefined> {
    const result = await this.call<VerifyPasswordResult>(customerId, 'verifyPassword', { password });
    return result.ok ? result.profile : undefined;
  }

  async view(customerId: string): Promise<CustomerView | undefined> {
    const found = await this.call<{ profile: PublicProfile; standing: Standing } | null>(customerId, 'view');
    return found ? customerView(found.profile, found.standing) : undefined;
  }

  async forget(customerId: string): Promise<void> {
    await this.call(customerId, 'forget');
  }

  /** Records a batch of one customer's order events in one actor turn (at most MAX_RECORDS). */
  async recordMany(customerId: string, request: RecordManyRequest): Promise<void> {
    await this.call(customerId, 'recordMany', request);
  }
}

/** Email claims on EmailClaimActors. */
export class EmailClaimActors implements EmailClaims {
  constructor(private readonly sidecar: Sidecar) {}

  claim(email: string, customerId: string): Promise<'claimed' | 'taken'> {
    return this.sidecar.invokeActor(EMAIL_CLAIM_ACTOR_TYPE, emailClaimId(email), 'claim', { customerId });
  }

  async owner(email: string): Promise<string | undefined> {
    return (await this.sidecar.invokeActor<string | null>(EMAIL_CLAIM_ACTOR_TYPE, emailClaimId(email), 'owner', {})) ?? undefined;
  }
}
