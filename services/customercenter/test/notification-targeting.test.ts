import { catchUpReaches, fanOutReaches, Learned } from '../src/domain/new-book-delivery';
import { newBookNotification, seesNewBook } from '../src/domain/notifications';
import { restockedNotification, restockTargets } from '../src/domain/restock';

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
  const claimed = (orderId: string, customerId: string) => ({ orderId, customerId });

  it('when a customer has two claimed orders for the book, then one notification covers both', () => {
    expect(restockTargets([claimed('o2', 'c1'), claimed('o1', 'c1')])).toEqual([{ customerId: 'c1', orderIds: ['o1', 'o2'] }]);
  });

  it('when two customers waited for the book, then each gets one notification, listed by customer', () => {
    expect(restockTargets([claimed('o2', 'c2'), claimed('o1', 'c1'), claimed('o3', 'c1')])).toEqual([
      { customerId: 'c1', orderIds: ['o1', 'o3'] },
      { customerId: 'c2', orderIds: ['o2'] },
    ]);
  });

  it('when the claim took nothing (nobody waited, or another restock took them), then nobody is notified', () => {
    expect(restockTargets([])).toEqual([]);
  });
});

describe('the Restocked notification', () => {
  const restock = { eventId: 'ev-1', claimedAt: Date.parse('2026-03-01T10:00:00.000Z') };

  it('when the same customer is told again for the same restock, then the notification is the same, id included', () => {
    expect(restockedNotification('b1', 'DDD', restock, 'c1')).toEqual(restockedNotification('b1', 'DDD', restock, 'c1'));
  });

  it('when another customer or another restock is told, then the id differs', () => {
    const id = restockedNotification('b1', 'DDD', restock, 'c1').notificationId;
    expect(restockedNotification('b1', 'DDD', restock, 'c2').notificationId).not.toBe(id);
    expect(restockedNotification('b1', 'DDD', { ...restock, eventId: 'ev-2' }, 'c1').notificationId).not.toBe(id);
  });

  it('when it is made, then it is dated by the claim and names the book, or says "a book" without a title', () => {
    expect(restockedNotification('b1', 'DDD', restock, 'c1')).toMatchObject({
      kind: 'Restocked',
      bookId: 'b1',
      customerId: 'c1',
      createdAt: '2026-03-01T10:00:00.000Z',
      message: '"DDD" is back in stock',
    });
    expect(restockedNotification('b1', undefined, restock, 'c1').message).toBe('A book you ordered is back in stock');
  });
});
