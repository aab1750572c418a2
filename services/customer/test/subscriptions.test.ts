import { EventMeta, Logger, SidecarError } from '@bookstore/runtime';
import { LedgerEvent } from '../src/domain/ledger';
import { RecordManyRequest } from '@bookstore/contracts';
import { LedgerRecorder, recordPerCustomer } from '../src/adapters/inbound/subscriptions';

const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const meta = (eventId: string): EventMeta => ({ eventId, topic: 'Ordered' });

interface Event {
  customerId: string;
  orderId: string;
}

/** Records each turn it is asked for; customers listed in `failing` fail as the sidecar would. */
function recorder(failing: Record<string, SidecarError> = {}) {
  const turns: Array<{ customerId: string; orderIds: string[] }> = [];
  const customers: LedgerRecorder = {
    recordMany: async (customerId: string, request: RecordManyRequest) => {
      turns.push({ customerId, orderIds: request.events.map((e) => e.orderId) });
      if (failing[customerId]) throw failing[customerId];
    },
  };
  return { customers, turns };
}

const toEvent = ({ orderId }: Event): LedgerEvent => ({ kind: 'cancelled', orderId, price: 1_000 });
const entry = (customerId: string, orderId: string) => ({ data: { customerId, orderId }, meta: meta(orderId) });

describe('a batch of order events, applied per customer', () => {
  it("when a batch holds several customers' events, then each customer gets one turn with its events in order", async () => {
    const { customers, turns } = recorder();
    const outcomes = await recordPerCustomer(
      customers,
      silent,
      toEvent,
    )([entry('a', 'o1'), entry('b', 'o2'), entry('a', 'o3'), entry('c', 'o4'), entry('a', 'o5')]);
    expect(outcomes).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS']);
    expect(turns).toEqual([
      { customerId: 'a', orderIds: ['o1', 'o3', 'o5'] },
      { customerId: 'b', orderIds: ['o2'] },
      { customerId: 'c', orderIds: ['o4'] },
    ]);
  });

  it("when one customer's turn fails, then only its entries are retried", async () => {
    const { customers } = recorder({ b: new SidecarError('timed out', 0, 'TIMEOUT') });
    const outcomes = await recordPerCustomer(customers, silent, toEvent)([entry('a', 'o1'), entry('b', 'o2'), entry('c', 'o3'), entry('b', 'o4')]);
    expect(outcomes).toEqual(['SUCCESS', 'RETRY', 'SUCCESS', 'RETRY']);
  });

  it('when one customer has more events than a turn takes, then they are split into bounded turns', async () => {
    const { customers, turns } = recorder();
    const entries = Array.from({ length: 2_500 }, (_, i) => entry('a', `o${i}`));
    expect(new Set(await recordPerCustomer(customers, silent, toEvent)(entries))).toEqual(new Set(['SUCCESS']));
    expect(turns.map((t) => t.orderIds.length)).toEqual([1_000, 1_000, 500]);
    expect(turns.flatMap((t) => t.orderIds)).toEqual(entries.map((e) => e.data.orderId));
  });
});
