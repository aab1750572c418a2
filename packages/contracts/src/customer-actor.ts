import { z } from 'zod';
import { OrderCancelled, Ordered } from './events';

/** The customer service's actors: their types and methods, for the host and every caller alike. */

/** One actor per customer: its profile and its orders' ledger. Routed by this constant, never by a class name. */
export const CUSTOMER_ACTOR_TYPE = 'CustomerActor';

export const CUSTOMER_ACTOR_METHODS = {
  register: 'register',
  profile: 'profile',
  verifyPassword: 'verifyPassword',
  forget: 'forget',
  recordMany: 'recordMany',
  view: 'view',
} as const;

/** One actor per normalised email: of two sign-ups racing for one email exactly one claims it. */
export const EMAIL_CLAIM_ACTOR_TYPE = 'EmailClaimActor';

export const EMAIL_CLAIM_ACTOR_METHODS = { claim: 'claim', owner: 'owner' } as const;

/** The most events one `recordMany` turn takes: its transaction stays a bounded size. */
export const MAX_RECORDS = 1_000;

/** The events' own fields and bounds (their contracts'), so the actor takes whatever the subscription accepted. */
export const RecordManySchema = z.object({
  events: z
    .array(
      z.discriminatedUnion('kind', [
        Ordered.schema.pick({ orderId: true, price: true, orderedAt: true }).extend({ kind: z.literal('ordered') }),
        OrderCancelled.schema.pick({ orderId: true, price: true }).extend({ kind: z.literal('cancelled') }),
      ]),
    )
    .min(1)
    .max(MAX_RECORDS),
});
export type RecordManyRequest = z.output<typeof RecordManySchema>;
