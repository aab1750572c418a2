import { NO_CUP, type Cup } from '../src/domain/barista';
import { hearNews } from '../src/domain/hear-news';
import type { Counter, CupStore } from '../src/domain/ports';

function fakes() {
  const cups = new Map<string, Cup>();
  const served: string[] = [];
  const store: CupStore = { load: async (id) => ({ cup: cups.get(id) ?? NO_CUP }), save: async (id, cup) => void cups.set(id, cup) };
  const counter: Counter = { served: async ({ orderId }) => void served.push(orderId) };
  return { cups, served, store, counter };
}

describe('hearing news', () => {
  it('when Paid is delivered twice, then one coffee is served', async () => {
    const { served, store, counter } = fakes();
    await hearNews(store, counter, 'o1', { kind: 'paid', eventId: 'p1' }, { menuId: 'latte', qty: 1 });
    await hearNews(store, counter, 'o1', { kind: 'paid', eventId: 'p1' }, { menuId: 'latte', qty: 1 });
    expect(served).toEqual(['o1']);
  });
  it('when the cancel was heard before Paid (catching up after an outage), then nothing is served', async () => {
    const { served, cups, store, counter } = fakes();
    await hearNews(store, counter, 'o2', { kind: 'stop', eventId: 'c1' });
    await hearNews(store, counter, 'o2', { kind: 'paid', eventId: 'p2' }, { menuId: 'latte', qty: 1 });
    expect(served).toEqual([]);
    expect(cups.get('o2')?.status).toBe('stopped');
  });
});
