import { ActorContext, ActorInstance, ActorTypeRegistration, idString, parseOrThrow, z } from '@bookstore/runtime';
import { EMAIL_CLAIM_ACTOR_METHODS as M, EMAIL_CLAIM_ACTOR_TYPE } from '@bookstore/contracts';

/** Whose an email is: one actor per normalised email (its id, emailClaimId, a digest), serial turns. */

const OWNER = 'owner';

/** Parsed before the claim is read: a bad body is answered 400 by the host and claims nothing. */
const ClaimSchema = z.object({ customerId: idString });

export function emailClaimActor({ state }: ActorContext): ActorInstance {
  return {
    methods: {
      [M.claim]: async (body) => {
        const { customerId } = parseOrThrow(ClaimSchema, body, `${EMAIL_CLAIM_ACTOR_TYPE}.${M.claim} body`);
        const owner = await state.get<string>(OWNER);
        if (owner !== undefined && owner !== customerId) return 'taken';
        if (owner === undefined) state.set(OWNER, customerId);
        return 'claimed';
      },
      [M.owner]: async () => (await state.get<string>(OWNER)) ?? null,
    },
  };
}

export const emailClaimActorType: ActorTypeRegistration = { type: EMAIL_CLAIM_ACTOR_TYPE, create: emailClaimActor };
