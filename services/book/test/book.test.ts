import { publicBook, registerBook } from '../src/domain/book';
import { aBook } from './fakes';

const request = { title: 'Domain-Driven Design', author: 'Eric Evans', price: 1500, stock: 3, registeredAt: '2026-01-01T00:00:00.000Z' };

describe('registering a book', () => {
  it('when the id is free, then the book is registered as requested', () => {
    expect(registerBook(undefined, 'b1', request)).toEqual({ kind: 'registered', book: { bookId: 'b1', ...request } });
  });

  it('when the same registration comes again, then it answers the book as registered, not an error', () => {
    const sold = aBook({ stock: 1 });
    expect(registerBook(sold, 'b1', request)).toEqual({ kind: 'same-registration', book: { bookId: 'b1', ...request } });
  });

  it('when another registration comes for a taken id, then it is refused', () => {
    expect(registerBook(aBook(), 'b1', { ...request, title: 'Other' })).toEqual({ kind: 'already-registered' });
    expect(registerBook(aBook(), 'b1', { ...request, registeredAt: '2026-02-01T00:00:00.000Z' })).toEqual({ kind: 'already-registered' });
  });

  it('when a book is shown publicly, then registeredAt is left out', () => {
    expect(publicBook(aBook())).toEqual({ bookId: 'b1', title: 'Domain-Driven Design', author: 'Eric Evans', price: 1500, stock: 3 });
  });
});
