import { publicBook } from '../src/domain/book';
import { catalogRowStale, matchesQuery } from '../src/domain/catalog';
import { aBook } from './fakes';

const row = publicBook(aBook({ title: 'Domain-Driven Design', author: 'Eric Evans' }));

describe('searching the catalog', () => {
  it('when q is part of the title in another case, then the book matches', () => {
    expect(matchesQuery(row, 'driven')).toBe(true);
  });

  it('when q is part of the author, then the book matches', () => {
    expect(matchesQuery(row, 'EVANS')).toBe(true);
  });

  it('when q is in neither, then the book does not match', () => {
    expect(matchesQuery(row, 'kafka')).toBe(false);
  });

  it('when q is absent or blank, then every book matches', () => {
    expect(matchesQuery(row, undefined)).toBe(true);
    expect(matchesQuery(row, '  ')).toBe(true);
  });
});

describe("keeping an actor's catalog row current", () => {
  it('when the actor has written no row in this activation, then it writes one', () => {
    expect(catalogRowStale(undefined, aBook())).toBe(true);
  });

  it('when the row written matches the committed book, then nothing is written', () => {
    expect(catalogRowStale(publicBook(aBook()), aBook())).toBe(false);
  });

  it('when the row written is not what was committed (the turn failed), then it is written again', () => {
    expect(catalogRowStale(publicBook(aBook({ stock: 1 })), aBook({ stock: 3 }))).toBe(true);
  });
});
