import {
  ActorContext,
  ActorInstance,
  ActorState,
  ActorTypeRegistration,
  idString,
  parseOrThrow,
  plainText,
  problem,
  ProblemError,
  timestampField,
  z,
} from '@bookstore/runtime';
import { CUSTOMER_ACTOR_METHODS as M, CUSTOMER_ACTOR_TYPE, RecordManySchema, TEXT_MAX } from '@bookstore/contracts';
import { CustomerProfile, publicProfile, VerifyPasswordResult } from '../../domain/customer';
import { LedgerStore, ledgerStanding, recordMany } from '../../domain/ledger';
import { PasswordHasher } from '../../domain/ports';
import { ledgerEventsOf, Purchases } from '../../domain/purchases';

/*
 * Every body is parsed before the method touches state: any local process that reaches the
 * sidecar can call an actor, so it trusts no caller. A bad body is answered 400 by the host
 * and changes nothing.
 */
const RegisterSchema = z.object({
  customerId: idString,
  name: plainText({ min: 1, max: TEXT_MAX.name }),
  // Normalised by the sign-up (trimmed, lower case) before it gets here.
  email: z.string().max(254).pipe(z.email()),
  passwordHash: z.string().min(1).max(512),
  registeredAt: timestampField,
});

/** The longest password the sign-up takes; a longer one cannot match, and is not worth hashing. */
const VerifyPasswordSchema = z.object({ password: z.string().max(200) });

const PROFILE = 'profile';
const LEDGER = 'ledger';
const orderKey = (orderId: string): string => `order:${orderId}`;
/** Where orders were kept before the ledger: one map, rewritten whole on every event. */
const LEGACY_PURCHASES = 'purchases';

/** The customer's ledger in its actor's state: one key per order, one for the summary. */
function ledgerIn(state: ActorState): LedgerStore {
  return {
    fact: (orderId) => state.get(orderKey(orderId)),
    // One bulk read for the batch's facts not already in the activation's memory.
    prefetch: async (orderIds) => void (await state.getMany(orderIds.map(orderKey))),
    putFact: (orderId, fact) => state.set(orderKey(orderId), fact),
    summary: () => state.get(LEDGER),
    putSummary: (summary) => state.set(LEDGER, summary),
  };
}

const bodyOf = <S extends z.ZodType>(schema: S, body: unknown, method: string): z.output<S> =>
  parseOrThrow(schema, body, `${CUSTOMER_ACTOR_TYPE}.${method} body`);

/**
 * One actor per customer: its profile and its orders' ledger (see domain/ledger.ts), one turn at a time, so no update is lost
 * to a race. The password hash goes in with `register` and never comes out: `profile`
 * answers the public profile, and `verifyPassword` checks a password here, where the hash is.
 */
export function customerActor({ state, id }: ActorContext, hasher: PasswordHasher): ActorInstance {
  const ledger = ledgerIn(state);
  /** A customer whose orders are still in the old map moves them to the ledger, once (read once per activation). */
  const adoptLegacy = async (): Promise<void> => {
    const legacy = await state.get<Purchases>(LEGACY_PURCHASES);
    if (!legacy) return;
    state.delete(LEGACY_PURCHASES);
    await recordMany(ledger, ledgerEventsOf(legacy));
  };
  return {
    methods: {
      [M.register]: async (body) => {
        const profile: CustomerProfile = bodyOf(RegisterSchema, body, M.register);
        if (profile.customerId !== id) {
          throw new ProblemError(problem(400, 'validation', `A profile for ${profile.customerId} cannot be kept by customer ${id}'s actor.`));
        }
        const existing = await state.get<CustomerProfile>(PROFILE);
        if (existing) return existing.email === profile.email ? 'registered' : 'conflict';
        state.set(PROFILE, profile);
        return 'registered';
      },
      [M.profile]: async () => {
        const profile = await state.get<CustomerProfile>(PROFILE);
        return profile ? publicProfile(profile) : null;
      },
      [M.verifyPassword]: async (body): Promise<VerifyPasswordResult> => {
        const { password } = bodyOf(VerifyPasswordSchema, body, M.verifyPassword);
        const profile = await state.get<CustomerProfile>(PROFILE);
        if (!profile) {
          // As slow as a wrong password: no profile (a sign-up that died half way) looks the same.
          await hasher.burn(password);
          return { ok: false };
        }
        return (await hasher.verify(password, profile.passwordHash)) ? { ok: true, profile: publicProfile(profile) } : { ok: false };
      },
      [M.forget]: async () => {
        state.delete(PROFILE);
        return null;
      },
      [M.recordMany]: async (body) => {
        const { events } = bodyOf(RecordManySchema, body, M.recordMany);
        await adoptLegacy();
        await recordMany(ledger, events);
        return null;
      },
      /** What GET /customers/{id} shows, in one turn: the public profile and the standing. */
      [M.view]: async () => {
        const profile = await state.get<CustomerProfile>(PROFILE);
        if (!profile) return null;
        await adoptLegacy();
        return { profile: publicProfile(profile), standing: await ledgerStanding(ledger) };
      },
    },
  };
}

/** The CustomerActor type; its actors check passwords with `hasher`. */
export function customerActorType(hasher: PasswordHasher): ActorTypeRegistration {
  return { type: CUSTOMER_ACTOR_TYPE, create: (context) => customerActor(context, hasher) };
}
