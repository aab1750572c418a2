import { confirm, OrderFate, release, Reservation, reserve, settleHold } from '../src/domain/reservation';
import { aBook } from './fakes';

const book = aBook({ stock: 3, price: 1500 });
const reserved: Reservation = { orderId: 'o1', qty: 2, unitPrice: 1500, status: 'held', heldAt: 0 };

describe('reserving copies of a book', () => {
  it('when enough copies are in stock, then they are taken at the unit price', () => {
    expect(reserve(book, undefined, 'o1', 2, 0)).toEqual({ kind: 'reserved', book: { ...book, stock: 1 }, reservation: reserved });
  });

  it('when exactly the stock is ordered, then stock reaches zero', () => {
    const outcome = reserve(book, undefined, 'o1', 3, 0);
    expect(outcome.kind === 'reserved' && outcome.book.stock).toBe(0);
  });

  it('when stock is short, then nothing is taken', () => {
    expect(reserve(book, undefined, 'o1', 4, 0)).toEqual({ kind: 'out-of-stock', book });
  });

  it('when the same order reserves again, then no more stock is taken and the first answer repeats', () => {
    expect(reserve({ ...book, stock: 1 }, reserved, 'o1', 2, 0)).toEqual({ kind: 'already-reserved', reservation: reserved });
  });

  it("when the reservation arrives after its caller's deadline, then it takes nothing; one just in time takes its copies", () => {
    expect(reserve(book, undefined, 'o1', 2, 1_000, 1_000)).toEqual({ kind: 'too-late' });
    expect(reserve(book, undefined, 'o1', 2, 999, 1_000).kind).toBe('reserved');
  });

  it('when a reservation already made is asked again after the deadline, then its first answer still repeats', () => {
    expect(reserve(book, reserved, 'o1', 2, 5_000, 1_000)).toEqual({ kind: 'already-reserved', reservation: reserved });
  });

  it('when the order was released before its reservation arrived, then the reservation takes nothing', () => {
    const tombstone: Reservation = { orderId: 'o1', qty: 0, unitPrice: 1500, status: 'released' };
    expect(reserve(book, tombstone, 'o1', 2, 0)).toEqual({ kind: 'order-released' });
  });

  it('when the order was reserved and then released, then reserving it again takes nothing', () => {
    expect(reserve(book, { ...reserved, status: 'released' }, 'o1', 2, 0)).toEqual({ kind: 'order-released' });
  });
});

describe("releasing an order's copies", () => {
  it('when the order holds copies, then they come back and the reservation is marked released', () => {
    expect(release({ ...book, stock: 1 }, reserved, 'o1')).toEqual({
      kind: 'released',
      book: { ...book, stock: 3 },
      reservation: { ...reserved, status: 'released' },
    });
  });

  it('when the order was released already, then nothing more comes back', () => {
    expect(release(book, { ...reserved, status: 'released' }, 'o1')).toEqual({ kind: 'already-released' });
  });

  it('when the order was never reserved, then nothing comes back but the release is remembered', () => {
    expect(release(book, undefined, 'o9')).toEqual({
      kind: 'never-reserved',
      reservation: { orderId: 'o9', qty: 0, unitPrice: 1500, status: 'released' },
    });
  });

  it('when reservations and releases interleave in any order, then stock adds up', () => {
    // initial = current + Σ qty of orders still reserved, whatever the arrival order.
    const arrivals: Array<['reserve' | 'release', string, number]> = [
      ['reserve', 'a', 1],
      ['release', 'b', 0],
      ['reserve', 'b', 2],
      ['reserve', 'a', 1],
      ['release', 'a', 0],
      ['release', 'a', 0],
      ['reserve', 'c', 2],
    ];
    let current = aBook({ stock: 5 });
    const records = new Map<string, Reservation>();
    for (const [step, orderId, qty] of arrivals) {
      if (step === 'reserve') {
        const outcome = reserve(current, records.get(orderId), orderId, qty, 0);
        if (outcome.kind === 'reserved') {
          current = outcome.book;
          records.set(orderId, outcome.reservation);
        }
      } else {
        const outcome = release(current, records.get(orderId), orderId);
        if (outcome.kind === 'released') current = outcome.book;
        if (outcome.kind !== 'already-released') records.set(orderId, outcome.reservation);
      }
    }
    const held = [...records.values()].filter((r) => r.status !== 'released').reduce((sum, r) => sum + r.qty, 0);
    expect(current.stock + held).toBe(5);
    expect(held).toBe(2); // only c: a was released, b's release came first
  });
});

describe('settling a hold', () => {
  it('when the order is confirmed, then a held reservation becomes reserved, and nothing else changes', () => {
    expect(confirm(reserved)).toEqual({ ...reserved, status: 'reserved' });
    expect(confirm({ ...reserved, status: 'released' })).toBeUndefined();
    expect(confirm(undefined)).toBeUndefined();
  });

  it.each<[OrderFate, string]>([
    ['Ordered', 'confirm'],
    ['Pending', 'wait'],
    ['OutOfStocked', 'release'],
    ['OrderCancelled', 'release'],
    ['Failed', 'release'],
    ['Unknown', 'release'],
  ])('when the order service says %s, then the hold is settled by %s', (fate, settlement) => {
    expect(settleHold(fate)).toBe(settlement);
  });
});
