import { restock } from '../src/domain/restock';
import { aBook } from './fakes';

describe('restocking a book', () => {
  it('when a restock is new, then its copies are added and the stock it left is remembered', () => {
    expect(restock(aBook({ stock: 3 }), undefined, 'r1', 5)).toEqual({
      kind: 'restocked',
      book: aBook({ stock: 8 }),
      restock: { restockId: 'r1', qty: 5, stockAfter: 8 },
    });
  });

  it('when the same restock comes again, then nothing is added and the first answer repeats', () => {
    const first = { restockId: 'r1', qty: 5, stockAfter: 8 };
    expect(restock(aBook({ stock: 6 }), first, 'r1', 5)).toEqual({ kind: 'already-restocked', book: aBook({ stock: 8 }), restock: first });
  });

  it('when a restock id comes again with another quantity, then it is refused', () => {
    expect(restock(aBook(), { restockId: 'r1', qty: 5, stockAfter: 8 }, 'r1', 6)).toEqual({ kind: 'conflict' });
  });
});
