import { APPS, deadLetterTopic, Logger, OrderCancelled, Ordered, PUBSUB, Subscriptions } from '@bookstore/runtime';
import { CustomerActors } from '../outbound/customer-actors';

/** Mileage and grade follow the customer's orders: each order event goes to its customer's actor. */
export function customerSubscriptions(log: Logger, customers: CustomerActors): Subscriptions {
  return new Subscriptions(PUBSUB, log, { deadLetterTopic: deadLetterTopic(APPS.customer) })
    .on(Ordered, async ({ customerId, orderId, price, orderedAt }) => {
      await customers.recordOrdered(customerId, { orderId, price, orderedAt });
      return 'SUCCESS';
    })
    .on(OrderCancelled, async ({ customerId, orderId, price }) => {
      await customers.recordCancelled(customerId, { orderId, price });
      return 'SUCCESS';
    });
}
