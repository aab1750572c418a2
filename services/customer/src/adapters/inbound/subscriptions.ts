import {
  APPS,
  deadLetterTopic,
  EventMeta,
  Logger,
  OrderCancelled,
  OrderCancelledEvent,
  Ordered,
  OrderedEvent,
  Outcome,
  PUBSUB,
  SidecarError,
  Subscriptions,
} from '@bookstore/runtime';
import { LedgerEvent } from '../../domain/ledger';
import { MAX_RECORDS, RecordManyRequest } from './customer-actor';

/** One delivered event of a batch, as bulk subscribe hands it over. */
export interface BatchEntry<T> {
  data: T;
  meta: EventMeta;
}

export interface LedgerRecorder {
  recordMany(customerId: string, request: RecordManyRequest): Promise<void>;
}

/**
 * A batch's events grouped by customer, each customer's applied in one actor turn (at most
 * MAX_RECORDS a turn): one round trip per customer instead of one per event. A turn that
 * fails asks for its own entries again; the other customers' stand. A body the actor
 * refuses (400) cannot get better by retrying: it goes to the dead letters.
 */
export function recordPerCustomer<T extends { customerId: string }>(customers: LedgerRecorder, log: Logger, toEvent: (data: T) => LedgerEvent) {
  return async (entries: Array<BatchEntry<T>>): Promise<Outcome[]> => {
    const outcomes: Outcome[] = entries.map(() => 'RETRY');
    const turns: Array<{ customerId: string; indices: number[] }> = [];
    const open = new Map<string, number[]>();
    entries.forEach(({ data }, index) => {
      let indices = open.get(data.customerId);
      if (!indices || indices.length === MAX_RECORDS) {
        indices = [];
        open.set(data.customerId, indices);
        turns.push({ customerId: data.customerId, indices });
      }
      indices.push(index);
    });
    await Promise.all(
      turns.map(async ({ customerId, indices }) => {
        const outcome = await customers.recordMany(customerId, { events: indices.map((i) => toEvent(entries[i]!.data)) }).then(
          (): Outcome => 'SUCCESS',
          (error: unknown): Outcome => {
            log.warn('recording order events failed', { customerId, events: indices.length, error });
            return error instanceof SidecarError && error.status === 400 ? 'DROP' : 'RETRY';
          },
        );
        for (const i of indices) outcomes[i] = outcome;
      }),
    );
    return outcomes;
  };
}

/** Mileage and grade follow the customer's orders: each batch of order events goes to its customers' actors. */
export function customerSubscriptions(log: Logger, customers: LedgerRecorder): Subscriptions {
  const ordered = recordPerCustomer<OrderedEvent>(customers, log, ({ orderId, price, orderedAt }) => ({ kind: 'ordered', orderId, price, orderedAt }));
  const cancelled = recordPerCustomer<OrderCancelledEvent>(customers, log, ({ orderId, price }) => ({ kind: 'cancelled', orderId, price }));
  return new Subscriptions(PUBSUB, log, { deadLetterTopic: deadLetterTopic(APPS.customer) })
    .on(Ordered, async (data, meta) => (await ordered([{ data, meta }]))[0]!)
    .on(OrderCancelled, async (data, meta) => (await cancelled([{ data, meta }]))[0]!);
}
