import { ActorContext, ActorInstance, ActorTypeRegistration } from '@bookstore/runtime';
import { CustomerProfile } from '../../domain/customer';
import { standingOf } from '../../domain/grade';
import { Purchases, recordCancelled, recordOrdered } from '../../domain/purchases';

/** The Dapr actor type; routed by this constant, never by a class name. */
export const CUSTOMER_ACTOR_TYPE = 'CustomerActor';

export interface RecordOrderedRequest {
  orderId: string;
  price: number;
  orderedAt: string;
}

export interface RecordCancelledRequest {
  orderId: string;
  price: number;
}

const PROFILE = 'profile';
const PURCHASES = 'purchases';

/** One actor per customer: its profile and orders, one turn at a time, so no update is lost to a race. */
export function customerActor({ state }: ActorContext): ActorInstance {
  const purchases = async (): Promise<Purchases> => (await state.get<Purchases>(PURCHASES)) ?? {};
  return {
    methods: {
      register: async (body) => {
        const profile = body as CustomerProfile;
        const existing = await state.get<CustomerProfile>(PROFILE);
        if (existing) return existing.email === profile.email ? 'registered' : 'conflict';
        state.set(PROFILE, profile);
        return 'registered';
      },
      profile: async () => (await state.get<CustomerProfile>(PROFILE)) ?? null,
      forget: async () => {
        state.delete(PROFILE);
        return null;
      },
      recordOrdered: async (body) => {
        const { orderId, price, orderedAt } = body as RecordOrderedRequest;
        state.set(PURCHASES, recordOrdered(await purchases(), orderId, price, orderedAt));
        return null;
      },
      recordCancelled: async (body) => {
        const { orderId, price } = body as RecordCancelledRequest;
        state.set(PURCHASES, recordCancelled(await purchases(), orderId, price));
        return null;
      },
      standing: async () => standingOf(Object.values(await purchases())),
    },
  };
}

export const customerActorType: ActorTypeRegistration = { type: CUSTOMER_ACTOR_TYPE, create: customerActor };
