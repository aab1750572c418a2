import { idField, intField, parseOrThrow, ProblemError, z } from '../src';

describe('intField', () => {
  const qty = intField({ min: 1, max: 100 });

  it.each([
    [1, 1],
    ['1', 1],
    ['100', 100],
  ])('when %p is sent, then it reads as %p', (input, expected) => {
    expect(qty.parse(input)).toBe(expected);
  });

  it.each(['two', 1.5, '', '1.5', '-1', 0, 101, null, true, ' 1'])('when %p is sent, then it is refused', (input) => {
    expect(qty.safeParse(input).success).toBe(false);
  });
});

describe('idField', () => {
  it('when an id is a JSON number, then it reads as its string', () => {
    expect(idField.parse(1)).toBe('1');
  });

  it.each(['', 'a/b', 'x'.repeat(65), -1, 1.5])('when the id is %p, then it is refused', (input) => {
    expect(idField.safeParse(input).success).toBe(false);
  });
});

describe('parseOrThrow', () => {
  it('when fields are invalid, then a 400 problem lists each with its path', () => {
    const schema = z.object({ qty: intField(), bookId: idField });
    try {
      parseOrThrow(schema, { qty: 'two' });
      throw new Error('expected a ProblemError');
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemError);
      const problem = (error as ProblemError).problem;
      expect(problem.status).toBe(400);
      expect((problem.errors ?? []).map((e) => e.path).sort()).toEqual(['bookId', 'qty']);
    }
  });
});
