import { Delivery, deliveryIdFor, startDelivery } from '../src/domain/delivery';
import { onOrdered } from '../src/domain/on-ordered';

describe('starting a delivery', () => {
  it('when an order is placed, then its delivery starts under an id derived from the order', () => {
    const outcome = startDelivery(undefined, 'o1', 'c1', '2026-01-01T00:00:00Z');
    expect(outcome).toEqual({
      kind: 'started',
      delivery: { deliveryId: deliveryIdFor('o1'), orderId: 'o1', customerId: 'c1', status: 'DeliveryStarted', updatedAt: '2026-01-01T00:00:00Z' },
    });
  });

  it('when Ordered arrives again, then nothing new is recorded but DeliveryStarted is sent again with the same id', async () => {
    const store = new Map<string, Delivery>();
    const sent: Delivery[] = [];
    const deps = {
      deliveries: { get: async (id: string) => store.get(id), save: async (d: Delivery) => void store.set(d.orderId, d) },
      events: { started: async (d: Delivery) => void sent.push(d) },
      now: () => '2026-01-01T00:00:00Z',
    };
    await onOrdered(deps, 'o1', 'c1');
    await onOrdered(deps, 'o1', 'c1');
    expect(store.size).toBe(1);
    expect(sent.map((d) => d.deliveryId)).toEqual([deliveryIdFor('o1'), deliveryIdFor('o1')]);
  });
});
