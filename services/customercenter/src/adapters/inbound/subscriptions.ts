import {
  DeliveryCancelled,
  DeliveryStarted,
  EventMeta,
  Logger,
  OrderCancelled,
  Ordered,
  OutOfStocked,
  PUBSUB,
  Subscriptions,
} from '@bookstore/runtime';
import { factsOf, MyPageEvent } from '../../domain/my-page';
import { MyPageStore } from '../../domain/ports';

const when = (meta: EventMeta): string => meta.time ?? new Date().toISOString();

export function customerCenterSubscriptions(log: Logger, myPages: MyPageStore): Subscriptions {
  const fold = async (event: MyPageEvent): Promise<'SUCCESS'> => {
    await myPages.record(factsOf(event));
    return 'SUCCESS';
  };
  return new Subscriptions(PUBSUB, log)
    .on(Ordered, (data, meta) => fold({ type: 'Ordered', data, at: when(meta) }))
    .on(OutOfStocked, (data, meta) => fold({ type: 'OutOfStocked', data, at: when(meta) }))
    .on(OrderCancelled, (data, meta) => fold({ type: 'OrderCancelled', data, at: when(meta) }))
    .on(DeliveryStarted, (data, meta) => fold({ type: 'DeliveryStarted', data, at: when(meta) }))
    .on(DeliveryCancelled, (data, meta) => fold({ type: 'DeliveryCancelled', data, at: when(meta) }));
}
