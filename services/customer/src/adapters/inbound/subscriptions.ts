import { BatchEntry, BatchHandler, deadLetterTopic, groupsByKey, Logger, Outcome, Subscriptions } from '@bookstore/runtime';
import { APPS, OrderCancelled, OrderCancelledEvent, Ordered, OrderedEvent, PUBSUB } from '@bookstore/contracts';
import { LedgerEvent } from '../../domain/ledger';
import { MAX_RECORDS, RecordManyRequest } from '@bookstore/contracts';

export interface LedgerRecorder {
  recordMany(customerId: string, request: RecordManyRequest): Promise<void>;
}

/**
 * A batch's events grouped by customer, each customer's applied in one actor turn (at most
 * MAX_RECORDS a turn): one round trip per customer instead of one per event. A turn that
 * fails asks for its own entries again; the other customers' stand. The actor takes the
 * events' own contracts, so what reaches here is never refused; a failure is worth a retry
 * (after the resiliency policy's retries, the dead letters).
 */
export function recordPerCustomer<T extends { customerId: string }>(
  customers: LedgerRecorder,
  log: Logger,
  toEvent: (data: T) => LedgerEvent,
): BatchHandler<T> {
  return async (entries: Array<BatchEntry<T>>): Promise<Outcome[]> => {
    const outcomes: Outcome[] = entries.map(() => 'RETRY');
    const turns = groupsByKey(entries, (e) => e.data.customerId, MAX_RECORDS);
    await Promise.all(
      turns.map(async ({ key: customerId, indices }) => {
        const outcome = await customers.recordMany(customerId, { events: indices.map((i) => toEvent(entries[i]!.data)) }).then(
          (): Outcome => 'SUCCESS',
          (error: unknown): Outcome => {
            log.warn('recording order events failed', { customerId, events: indices.length, error });
            return 'RETRY';
          },
        );
        for (const i of indices) outcomes[i] = outcome;
      }),
    );
    return outcomes;
  };
}

/**
 * Mileage and grade follow the customer's orders. Both topics are bulk subscriptions: each
 * delivery of up to 100 events becomes one actor turn per customer in it.
 */
export function customerSubscriptions(log: Logger, customers: LedgerRecorder): Subscriptions {
  return new Subscriptions(PUBSUB, log, { deadLetterTopic: deadLetterTopic(APPS.customer) })
    .onBatch(
      Ordered,
      recordPerCustomer<OrderedEvent>(customers, log, ({ orderId, price, orderedAt }) => ({ kind: 'ordered', orderId, price, orderedAt })),
    )
    .onBatch(
      OrderCancelled,
      recordPerCustomer<OrderCancelledEvent>(customers, log, ({ orderId, price }) => ({ kind: 'cancelled', orderId, price })),
    );
}
