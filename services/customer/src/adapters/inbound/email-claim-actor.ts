import { createHash } from 'node:crypto';
import { ActorContext, ActorInstance, ActorTypeRegistration, idString, parseOrThrow, z } from '@bookstore/runtime';

/**
 * One actor per normalised email. Its turns are serial, so of two sign-ups racing for one
 * email exactly one claims it, on any number of customer replicas.
 */
export const EMAIL_CLAIM_ACTOR_TYPE = 'EmailClaimActor';

/** The actor id: a digest, so addresses never appear in keys or logs. */
export function emailClaimId(normalizedEmail: string): string {
  return createHash('sha256').update(normalizedEmail).digest('hex');
}

const OWNER = 'owner';

/** Parsed before the claim is read: a bad body is answered 400 by the host and claims nothing. */
const ClaimSchema = z.object({ customerId: idString });

export function emailClaimActor({ state }: ActorContext): ActorInstance {
  return {
    methods: {
      claim: async (body) => {
        const { customerId } = parseOrThrow(ClaimSchema, body, `${EMAIL_CLAIM_ACTOR_TYPE}.claim body`);
        const owner = await state.get<string>(OWNER);
        if (owner !== undefined && owner !== customerId) return 'taken';
        if (owner === undefined) state.set(OWNER, customerId);
        return 'claimed';
      },
      owner: async () => (await state.get<string>(OWNER)) ?? null,
    },
  };
}

export const emailClaimActorType: ActorTypeRegistration = { type: EMAIL_CLAIM_ACTOR_TYPE, create: emailClaimActor };
