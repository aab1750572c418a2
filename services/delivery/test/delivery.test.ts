import { applyNews, Delivery, deliveryIdFor, DeliveryStatus, OrderNews } from '../src/domain/delivery';
import { findDeliveries } from '../src/domain/find-deliveries';
import { hearOrderNews } from '../src/domain/hear-order-news';
import { hearOrderNewsInBulk } from '../src/domain/hear-order-news-in-bulk';
import { DeliveryRepository, Versioned } from '../src/domain/ports';

const NOW = '2026-01-01T00:00:00Z';

function delivery(status: DeliveryStatus, fields: Partial<Delivery> = {}): Delivery {
  return { deliveryId: deliveryIdFor('o1'), orderId: 'o1', customerId: 'c1', status, updatedAt: '2025-12-31T00:00:00Z', ...fields };
}

class MemoryDeliveries implements DeliveryRepository {
  readonly rows = new Map<string, Versioned<Delivery>>();
  private version = 0;
  /** Writes that lose a race before landing (another handler got there first). */
  losses = 0;

  async get(orderId: string) {
    return this.rows.get(orderId);
  }

  async save(d: Delivery, expectedVersion?: string) {
    if (this.losses > 0) {
      this.losses--;
      return false;
    }
    if (this.rows.get(d.orderId)?.version !== expectedVersion) return false;
    this.rows.set(d.orderId, { value: d, version: String(++this.version) });
    return true;
  }

  async getMany(orderIds: string[]) {
    return new Map(orderIds.flatMap((id) => (this.rows.has(id) ? [[id, this.rows.get(id)!] as const] : [])));
  }

  /** Like Redis: each write is guarded on its own, and the ones that pass stay written when another fails. */
  async saveMany(changes: Array<{ delivery: Delivery; expectedVersion?: string }>) {
    let all = true;
    for (const { delivery: d, expectedVersion } of changes) all = (await this.save(d, expectedVersion)) && all;
    return all;
  }
}

function world() {
  const deliveries = new MemoryDeliveries();
  const announced: Array<{ eventId: string; status: DeliveryStatus }> = [];
  const deps = {
    deliveries,
    events: {
      announce: async (d: Delivery) =>
        void announced.push({ eventId: `${d.deliveryId}-${d.status === 'DeliveryStarted' ? 'started' : 'cancelled'}`, status: d.status }),
      announceMany: async (ds: Delivery[]) => {
        for (const d of ds) await deps.events.announce(d);
      },
    },
    now: () => NOW,
  };
  return { deliveries, announced, deps };
}

describe("the delivery's transitions", () => {
  it.each<[DeliveryStatus | undefined, OrderNews, DeliveryStatus, boolean]>([
    [undefined, 'Ordered', 'DeliveryStarted', true],
    [undefined, 'OrderCancelled', 'DeliveryCancelled', true],
    ['DeliveryStarted', 'Ordered', 'DeliveryStarted', false],
    ['DeliveryStarted', 'OrderCancelled', 'DeliveryCancelled', true],
    ['DeliveryCancelled', 'Ordered', 'DeliveryCancelled', false],
    ['DeliveryCancelled', 'OrderCancelled', 'DeliveryCancelled', false],
  ])('when a delivery in %s hears %s, then it is %s (changed: %s)', (from, news, to, changed) => {
    const step = applyNews(from ? delivery(from) : undefined, news, 'o1', 'c1', NOW);
    expect(step).toEqual({ delivery: changed ? delivery(to, { updatedAt: NOW }) : delivery(to), changed });
  });

  it('when an order is placed, then its delivery starts under an id derived from the order', () => {
    expect(applyNews(undefined, 'Ordered', 'o1', 'c1', NOW).delivery.deliveryId).toBe(deliveryIdFor('o1'));
  });
});

/** Every sequence of Ordered / OrderCancelled up to four long: all arrival orders, with duplicates. */
function sequences(maxLength: number): OrderNews[][] {
  const out: OrderNews[][] = [];
  const grow = (prefix: OrderNews[]): void => {
    if (prefix.length > 0) out.push(prefix);
    if (prefix.length === maxLength) return;
    for (const news of ['Ordered', 'OrderCancelled'] as const) grow([...prefix, news]);
  };
  grow([]);
  return out;
}

describe('hearing of an order, in every arrival order and with duplicates', () => {
  it.each(sequences(4).map((s) => [s.join(' → '), s] as const))('when %s arrives, then the delivery ends as its news says', async (_name, news) => {
    const { deliveries, announced, deps } = world();
    for (const n of news) expect(await hearOrderNews(deps, n, 'o1', 'c1')).toBe('done');

    const cancelled = news.includes('OrderCancelled');
    const startedBeforeCancel =
      news.indexOf('Ordered') !== -1 && (news.indexOf('OrderCancelled') === -1 || news.indexOf('Ordered') < news.indexOf('OrderCancelled'));
    expect(deliveries.rows.size).toBe(1);
    expect(deliveries.rows.get('o1')!.value).toMatchObject({
      deliveryId: deliveryIdFor('o1'),
      customerId: 'c1',
      status: cancelled ? 'DeliveryCancelled' : 'DeliveryStarted',
    });
    // A cancelled order always ends DeliveryCancelled; nothing starts once the cancellation is known.
    const distinct = [...new Set(announced.map((a) => a.eventId))];
    expect(distinct).toEqual([...(startedBeforeCancel ? [`${deliveryIdFor('o1')}-started`] : []), ...(cancelled ? [`${deliveryIdFor('o1')}-cancelled`] : [])]);
  });

  it('when the same news comes again, then nothing is rewritten and the same event id is announced again', async () => {
    const { deliveries, announced, deps } = world();
    await hearOrderNews(deps, 'Ordered', 'o1', 'c1');
    const version = deliveries.rows.get('o1')!.version;
    await hearOrderNews(deps, 'Ordered', 'o1', 'c1');
    expect(deliveries.rows.get('o1')!.version).toBe(version);
    expect(announced.map((a) => a.eventId)).toEqual([`${deliveryIdFor('o1')}-started`, `${deliveryIdFor('o1')}-started`]);
  });

  it('when another handler writes the delivery first, then the news is applied again on a fresh read', async () => {
    const { deliveries, announced, deps } = world();
    deliveries.losses = 1;
    expect(await hearOrderNews(deps, 'OrderCancelled', 'o1', 'c1')).toBe('done');
    expect(deliveries.rows.get('o1')!.value.status).toBe('DeliveryCancelled');
    expect(announced.map((a) => a.status)).toEqual(['DeliveryCancelled']);
  });

  it('when every write loses its race, then the news is handed back for redelivery and nothing is announced', async () => {
    const { deliveries, announced, deps } = world();
    deliveries.losses = 10;
    expect(await hearOrderNews(deps, 'Ordered', 'o1', 'c1')).toBe('contended');
    expect(announced).toEqual([]);
  });
});

describe('hearing news in batches (bulk subscribe)', () => {
  const item = (orderId: string) => ({ orderId, customerId: 'c1' });

  it('when a batch of Ordered arrives, then each order gets one delivery and one announcement', async () => {
    const { deliveries, announced, deps } = world();
    const outcomes = await hearOrderNewsInBulk(deps, 'Ordered', ['o1', 'o2', 'o3'].map(item));
    expect(outcomes).toEqual(['done', 'done', 'done']);
    expect([...deliveries.rows.keys()].sort()).toEqual(['o1', 'o2', 'o3']);
    expect(announced.map((a) => a.eventId).sort()).toEqual(['o1', 'o2', 'o3'].map((o) => `${deliveryIdFor(o)}-started`));
  });

  it('when a batch holds the same news twice, then the delivery is written once and both entries are done', async () => {
    const { deliveries, deps } = world();
    expect(await hearOrderNewsInBulk(deps, 'Ordered', [item('o1'), item('o1')])).toEqual(['done', 'done']);
    expect(deliveries.rows.get('o1')!.version).toBe('1');
  });

  it('when a cancellation batch meets deliveries already started, then they are cancelled, and an Ordered batch after it starts nothing', async () => {
    const { deliveries, deps } = world();
    await hearOrderNewsInBulk(deps, 'Ordered', [item('o1')]);
    await hearOrderNewsInBulk(deps, 'OrderCancelled', [item('o1'), item('o2')]);
    await hearOrderNewsInBulk(deps, 'Ordered', [item('o2')]);
    expect(deliveries.rows.get('o1')!.value.status).toBe('DeliveryCancelled');
    expect(deliveries.rows.get('o2')!.value.status).toBe('DeliveryCancelled');
  });

  it('when one write of the batch loses its race after others landed, then the batch is taken again one by one and ends right', async () => {
    const { deliveries, announced, deps } = world();
    await hearOrderNewsInBulk(deps, 'Ordered', [item('o2')]);
    const raced = deliveries.rows.get('o2')!;
    // Another handler cancels o2 between this batch's read and its write.
    const save = deliveries.save.bind(deliveries);
    let first = true;
    deliveries.save = async (d, v) => {
      if (first && d.orderId === 'o2') {
        first = false;
        await save({ ...raced.value, status: 'DeliveryCancelled' }, raced.version);
      }
      return save(d, v);
    };
    const outcomes = await hearOrderNewsInBulk(deps, 'OrderCancelled', [item('o1'), item('o2')]);
    expect(outcomes).toEqual(['done', 'done']);
    expect(deliveries.rows.get('o1')!.value.status).toBe('DeliveryCancelled');
    expect(deliveries.rows.get('o2')!.value.status).toBe('DeliveryCancelled');
    expect(new Set(announced.map((a) => a.eventId))).toEqual(
      new Set([`${deliveryIdFor('o2')}-started`, `${deliveryIdFor('o1')}-cancelled`, `${deliveryIdFor('o2')}-cancelled`]),
    );
  });
});

describe('finding the deliveries of an order', () => {
  async function stored(): Promise<MemoryDeliveries> {
    const deliveries = new MemoryDeliveries();
    await deliveries.save(delivery('DeliveryStarted'));
    return deliveries;
  }

  it('when the owner asks, then they get their delivery', async () => {
    expect(await findDeliveries(await stored(), { role: 'customer', id: 'c1' }, 'o1')).toEqual([delivery('DeliveryStarted')]);
  });

  it('when another customer asks, then it is not found', async () => {
    expect(await findDeliveries(await stored(), { role: 'customer', id: 'c2' }, 'o1')).toBe('not-found');
  });

  it('when a customer asks about an order delivery has not heard of, then it is not found, as for someone else’s', async () => {
    expect(await findDeliveries(new MemoryDeliveries(), { role: 'customer', id: 'c1' }, 'o1')).toBe('not-found');
  });

  it('when an admin asks, then they get the list, empty or not', async () => {
    const admin = { role: 'admin' as const, id: 'admin' };
    expect(await findDeliveries(await stored(), admin, 'o1')).toEqual([delivery('DeliveryStarted')]);
    expect(await findDeliveries(new MemoryDeliveries(), admin, 'o2')).toEqual([]);
  });
});
