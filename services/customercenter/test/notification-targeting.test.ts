import { catchUpReaches, fanOutReaches, Learned } from '../src/domain/new-book-delivery';
import { newBookNotification, seesNewBook } from '../src/domain/notifications';
import { OutOfStockOrder, recordOutOfStock, restock } from '../src/domain/restock';

describe('NewBook targeting', () => {
  it('when a customer registered before the book, then they get its NewBook', () => {
    expect(seesNewBook('2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z')).toBe(true);
  });

  it('when a customer registered after the book, then they get no NewBook for it', () => {
    expect(seesNewBook('2026-01-03T00:00:00.000Z', '2026-01-02T00:00:00.000Z')).toBe(false);
  });

  it('when a customer registered in the same millisecond as the book, then they get none (not earlier)', () => {
    expect(seesNewBook('2026-01-02T00:00:00.000Z', '2026-01-02T00:00:00.000Z')).toBe(false);
  });

  it('when a NewBook is read twice, then its id is the same, and differs between customers', () => {
    const book = { bookId: 'B1', title: 'DDD', author: 'Evans', registeredAt: '2026-01-02T00:00:00.000Z' };
    expect(newBookNotification(book, 'c1')).toEqual(newBookNotification(book, 'c1'));
    expect(newBookNotification(book, 'c1').notificationId).not.toBe(newBookNotification(book, 'c2').notificationId);
    expect(newBookNotification(book, 'c1')).toMatchObject({ kind: 'NewBook', bookId: 'B1', customerId: 'c1', createdAt: book.registeredAt });
  });
});

describe('NewBook delivery to the binding', () => {
  const times = ['2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z'];
  const learned: Learned[] = [];
  for (const registeredAt of times) for (const seq of [1, 2, 3, 4, 5, 6]) learned.push({ registeredAt, seq });

  it('when customers and books are learned in any order, then each pair that should hear of the book is delivered by exactly one job', () => {
    for (const customer of learned) {
      for (const book of learned) {
        if (customer.seq === book.seq) continue; // one counter: never equal
        const deliveries = Number(fanOutReaches(customer, book)) + Number(catchUpReaches(customer, book));
        expect(deliveries).toBe(seesNewBook(customer.registeredAt, book.registeredAt) ? 1 : 0);
      }
    }
  });

  it("when the customer was learned before the book, then the book's fan-out delivers it", () => {
    expect(fanOutReaches({ registeredAt: times[0]!, seq: 1 }, { registeredAt: times[1]!, seq: 2 })).toBe(true);
  });

  it("when the customer was learned after the book (its event came late), then the customer's catch-up delivers it", () => {
    expect(catchUpReaches({ registeredAt: times[0]!, seq: 2 }, { registeredAt: times[1]!, seq: 1 })).toBe(true);
  });
});

describe('Restocked targeting', () => {
  const oos = (orderId: string, customerId: string, bookId = 'b1'): Omit<OutOfStockOrder, 'notified'> => ({ orderId, bookId, customerId, qty: 1 });

  it('when a customer has two out-of-stock orders for the book, then a restock notifies them once, covering both', () => {
    const orders = recordOutOfStock(recordOutOfStock([], oos('o1', 'c1')), oos('o2', 'c1'));
    expect(restock('b1', orders).targets).toEqual([{ customerId: 'c1', orderIds: ['o1', 'o2'] }]);
  });

  it('when two customers wait for the book, then each gets one notification', () => {
    const orders = [oos('o1', 'c1'), oos('o2', 'c2'), oos('o3', 'c1')].reduce(recordOutOfStock, [] as OutOfStockOrder[]);
    expect(restock('b1', orders).targets).toEqual([
      { customerId: 'c1', orderIds: ['o1', 'o3'] },
      { customerId: 'c2', orderIds: ['o2'] },
    ]);
  });

  it('when the book is restocked a second time, then nobody already notified is notified again', () => {
    const first = restock('b1', recordOutOfStock([], oos('o1', 'c1')));
    expect(first.targets).toHaveLength(1);
    expect(restock('b1', first.orders).targets).toEqual([]);
  });

  it('when a new out-of-stock order comes after the first restock, then the next restock notifies only for it', () => {
    const first = restock('b1', [oos('o1', 'c1'), oos('o2', 'c2')].reduce(recordOutOfStock, [] as OutOfStockOrder[]));
    const later = recordOutOfStock(first.orders, oos('o3', 'c1'));
    expect(restock('b1', later).targets).toEqual([{ customerId: 'c1', orderIds: ['o3'] }]);
  });

  it('when OutOfStocked is redelivered after its order was notified, then the order stays notified', () => {
    const first = restock('b1', recordOutOfStock([], oos('o1', 'c1')));
    expect(restock('b1', recordOutOfStock(first.orders, oos('o1', 'c1'))).targets).toEqual([]);
  });

  it('when another book is restocked, then orders waiting for this one stay pending', () => {
    const orders = recordOutOfStock([], oos('o1', 'c1', 'b1'));
    const other = restock('b2', orders);
    expect(other.targets).toEqual([]);
    expect(restock('b1', other.orders).targets).toEqual([{ customerId: 'c1', orderIds: ['o1'] }]);
  });

  it('when nobody waits for the book, then a restock notifies nobody', () => {
    expect(restock('b1', []).targets).toEqual([]);
  });
});
