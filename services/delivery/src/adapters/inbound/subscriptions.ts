import { Logger, Ordered, PUBSUB, Subscriptions } from '@bookstore/runtime';
import { onOrdered, OnOrderedDeps } from '../../domain/on-ordered';

export function deliverySubscriptions(log: Logger, deps: OnOrderedDeps): Subscriptions {
  return new Subscriptions(PUBSUB, log).on(Ordered, async (event) => {
    await onOrdered(deps, event.orderId, event.customerId);
    return 'SUCCESS';
  });
}
