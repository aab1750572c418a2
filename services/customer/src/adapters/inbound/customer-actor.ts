import {
  ActorContext,
  ActorInstance,
  ActorState,
  ActorTypeRegistration,
  idString,
  OrderCancelled,
  Ordered,
  parseOrThrow,
  plainText,
  problem,
  ProblemError,
  TEXT_MAX,
  timestampField,
  z,
} from '@bookstore/runtime';
import { CustomerProfile, PublicProfile, publicProfile } from '../../domain/customer';
import { LedgerStore, ledgerStanding, recordMany } from '../../domain/ledger';
import { PasswordHasher } from '../../domain/ports';
import { ledgerEventsOf, Purchases } from '../../domain/purchases';

/** The Dapr actor type; routed by this constant, never by a class name. */
export const CUSTOMER_ACTOR_TYPE = 'CustomerActor';

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

/** The most events one `recordMany` turn takes: its transaction stays a bounded size. */
export const MAX_RECORDS = 1_000;

/** The events' own fields and bounds (their contracts'), so the actor takes whatever the subscription accepted. */
const RecordManySchema = z.object({
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

/** The longest password the sign-up takes; a longer one cannot match, and is not worth hashing. */
const VerifyPasswordSchema = z.object({ password: z.string().max(200) });
export type VerifyPasswordResult = { ok: true; profile: PublicProfile } | { ok: false };

const PROFILE = 'profile';
const LEDGER = 'ledger';
const orderKey = (orderId: string): string => `order:${orderId}`;
/** Where orders were kept before the ledger: one map, rewritten whole on every event. */
const LEGACY_PURCHASES = 'purchases';

/** The customer's ledger in its actor's state: one key per order, one for the summary. */
function ledgerIn(state: ActorState): LedgerStore {
  return {
    fact: (orderId) => state.get(orderKey(orderId)),
    // Concurrent reads of distinct keys: each lands in the activation's cache.
    prefetch: async (orderIds) => void (await Promise.all(orderIds.map((orderId) => state.get(orderKey(orderId))))),
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
      register: async (body) => {
        const profile: CustomerProfile = bodyOf(RegisterSchema, body, 'register');
        if (profile.customerId !== id) {
          throw new ProblemError(problem(400, 'validation', `A profile for ${profile.customerId} cannot be kept by customer ${id}'s actor.`));
        }
        const existing = await state.get<CustomerProfile>(PROFILE);
        if (existing) return existing.email === profile.email ? 'registered' : 'conflict';
        state.set(PROFILE, profile);
        return 'registered';
      },
      profile: async () => {
        const profile = await state.get<CustomerProfile>(PROFILE);
        return profile ? publicProfile(profile) : null;
      },
      verifyPassword: async (body): Promise<VerifyPasswordResult> => {
        const { password } = bodyOf(VerifyPasswordSchema, body, 'verifyPassword');
        const profile = await state.get<CustomerProfile>(PROFILE);
        if (!profile) {
          // As slow as a wrong password: no profile (a sign-up that died half way) looks the same.
          await hasher.burn(password);
          return { ok: false };
        }
        return (await hasher.verify(password, profile.passwordHash)) ? { ok: true, profile: publicProfile(profile) } : { ok: false };
      },
      forget: async () => {
        state.delete(PROFILE);
        return null;
      },
      recordMany: async (body) => {
        const { events } = bodyOf(RecordManySchema, body, 'recordMany');
        await adoptLegacy();
        await recordMany(ledger, events);
        return null;
      },
      /** What GET /customers/{id} shows, in one turn: the public profile and the standing. */
      view: async () => {
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
