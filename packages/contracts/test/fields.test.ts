import { cursorField, emailField, idField, idString, intField, plainText, safeInt, textField, timestampField } from '@bookstore/runtime/schema';
import {
  BookRegistered,
  CustomerRegistered,
  LIMITS,
  OrderCancelled,
  Ordered,
  OutOfStocked,
  RegisterBookRequestSchema,
  ReserveManyRequestSchema,
  RestockRequestSchema,
  StockIncreased,
} from '../src';

/** Strings no name or title may hold, each with why. */
const HOSTILE_TEXT: Array<[string, string]> = [
  ['NUL', 'a\u0000b'],
  ['a newline', 'a\nb'],
  ['a tab', 'a\tb'],
  ['ESC (terminal escapes)', 'a\u001b[31mb'],
  ['DEL', 'a\u007fb'],
  ['a C1 control (NEL)', 'a\u0085b'],
  ['a right-to-left override', 'abc\u202Etxt.exe'],
  ['a left-to-right embedding', '\u202Aabc'],
  ['a first-strong isolate', 'a\u2068b'],
  ['a pop directional isolate', 'a\u2069b'],
  ['a left-to-right mark', 'a\u200Eb'],
  ['a right-to-left mark', 'a\u200Fb'],
  ['an Arabic letter mark', 'a\u061Cb'],
  ['a zero-width space', 'a\u200Bb'],
  ['a word joiner', 'a\u2060b'],
  ['a byte-order mark', '\uFEFFabc'],
  ['a lone high surrogate', 'a\uD800b'],
  ['a lone low surrogate', 'a\uDC00b'],
  ['a lone surrogate at the end', 'abc\uD83D'],
];

describe('textField (names and titles from the public API)', () => {
  const title = textField({ min: 1, max: 10 });

  it.each(HOSTILE_TEXT)('when the text holds %s, then it is refused', (_why, text) => {
    expect(title.safeParse(text).success).toBe(false);
  });

  it.each([
    ['plain ASCII', 'Dune', 'Dune'],
    ['Hangul', '채식주의자', '채식주의자'],
    ['an emoji (a surrogate pair)', 'ok 📚', 'ok 📚'],
    ['a ZWJ emoji sequence', '👩‍💻', '👩‍💻'],
    ['surrounding spaces', '  Dune ', 'Dune'],
    ['a decomposed é, read as NFC', 'Cafe\u0301', 'Caf\u00e9'],
  ])('when the text is %s, then it reads as itself, trimmed and in NFC', (_why, text, expected) => {
    expect(title.parse(text)).toBe(expected);
  });

  it.each([
    ['empty', ''],
    ['only spaces', '   '],
    ['too long', 'x'.repeat(11)],
    ['huge', 'x'.repeat(1_000_000)],
    ['a number', 42],
    ['null', null],
    ['an array', ['Dune']],
  ])('when the text is %s, then it is refused', (_why, input) => {
    expect(title.safeParse(input).success).toBe(false);
  });

  it('when a title is 10 emoji (20 UTF-16 units), then it counts as 10 characters', () => {
    expect(title.parse('📚'.repeat(10))).toBe('📚'.repeat(10));
    expect(title.safeParse('📚'.repeat(11)).success).toBe(false);
  });
});

describe('plainText (service-to-service text: checked, never changed)', () => {
  it.each(HOSTILE_TEXT)('when the text holds %s, then it is refused', (_why, text) => {
    expect(plainText({ max: 100 }).safeParse(text).success).toBe(false);
  });

  it('when the text has surrounding spaces, then it is kept as sent (a replay compares equal)', () => {
    expect(plainText({ max: 100 }).parse(' a ')).toBe(' a ');
  });
});

describe('safeInt and intField', () => {
  it.each([
    ['negative', -1],
    ['fractional', 1.5],
    ['unsafe', 2 ** 53],
    ['huge', 1e300],
    ['Infinity', Infinity],
    ['NaN', NaN],
    ['a string', '1'],
    ['null', null],
  ])('when a safe count is %s, then it is refused', (_why, input) => {
    expect(safeInt({ min: 0 }).safeParse(input).success).toBe(false);
  });

  it.each(['9007199254740993', '1e3', '0x10', '-0'])('when %p is sent as an HTTP integer, then it is refused', (input) => {
    expect(intField({ min: 0 }).safeParse(input).success).toBe(false);
  });

  it('when the largest price meets the largest quantity, then their product is still a safe integer', () => {
    expect(Number.isSafeInteger(LIMITS.maxPrice * LIMITS.maxQty)).toBe(true);
    expect(Number.isSafeInteger(LIMITS.maxStock + LIMITS.maxRestock)).toBe(true);
  });
});

describe('ids', () => {
  it.each(['%00', '\u0000', 'a b', 'a/b', '..', 'a.b', 'é', 'x'.repeat(65), '', '\u202Eab'])('when the id is %p, then it is refused', (input) => {
    expect(idField.safeParse(input).success).toBe(false);
    expect(idString.safeParse(input).success).toBe(false);
  });

  it('when a service-to-service id is a number, then it is refused (only HTTP inputs read numbers as ids)', () => {
    expect(idString.safeParse(1).success).toBe(false);
    expect(idField.safeParse(2 ** 53).success).toBe(false);
  });
});

describe('emailField, timestampField and cursorField', () => {
  it.each(['', 'not-an-email', 'a@b', `${'a'.repeat(250)}@example.com`, 'a\u0000@example.com', 'a@exa\u202Emple.com'])(
    'when the email is %p, then it is refused',
    (input) => {
      expect(emailField.safeParse(input).success).toBe(false);
    },
  );

  it('when the email has surrounding spaces, then it reads trimmed', () => {
    expect(emailField.parse(' ann@example.com ')).toBe('ann@example.com');
  });

  it.each(['', 'yesterday', '2026-13-01T00:00:00Z', '2026-01-01', '2026-01-01T00:00:00+09:00', 1_700_000_000_000])(
    'when the timestamp is %p, then it is refused',
    (input) => {
      expect(timestampField.safeParse(input).success).toBe(false);
    },
  );

  it('when the timestamp is what toISOString writes, then it is taken', () => {
    expect(timestampField.parse(new Date(0).toISOString())).toBe('1970-01-01T00:00:00.000Z');
  });

  it.each(['a\u0000', 'a b', 'é', 'x'.repeat(201), ''])('when the cursor is %p, then it is refused', (input) => {
    expect(cursorField.safeParse(input).success).toBe(false);
  });
});

const ids = { orderId: '01JORDER', bookId: '01JBOOK', customerId: '01JCUST' };
const at = '2026-01-01T00:00:00.000Z';

describe('event contracts', () => {
  it.each([
    ['BookRegistered', BookRegistered.schema, { bookId: '01JBOOK', title: 'T', author: '', price: 1000, stock: 0, registeredAt: at }],
    ['StockIncreased', StockIncreased.schema, { bookId: '01JBOOK', added: 1, stock: 1 }],
    ['CustomerRegistered', CustomerRegistered.schema, { customerId: '01JCUST', name: 'Ann', email: 'ann@example.com', registeredAt: at }],
    ['Ordered', Ordered.schema, { ...ids, qty: 100, price: LIMITS.maxPrice * 100, orderedAt: at }],
    ['OutOfStocked', OutOfStocked.schema, { ...ids, qty: 1 }],
    ['OrderCancelled', OrderCancelled.schema, { ...ids, qty: 1, price: 0 }],
  ])('when a %s is what our publisher sends, then it keeps its contract', (_name, schema, data) => {
    expect(schema.safeParse(data).success).toBe(true);
  });

  it.each([
    ['a negative qty', Ordered.schema, { ...ids, qty: -1, price: 0, orderedAt: at }],
    ['a zero qty', OrderCancelled.schema, { ...ids, qty: 0, price: 0 }],
    ['a qty over 100', OutOfStocked.schema, { ...ids, qty: 101 }],
    ['a fractional price', Ordered.schema, { ...ids, qty: 1, price: 0.5, orderedAt: at }],
    ['a negative price', OrderCancelled.schema, { ...ids, qty: 1, price: -1000 }],
    ['an unsafe price', Ordered.schema, { ...ids, qty: 1, price: 2 ** 60, orderedAt: at }],
    ['an id with NUL', OutOfStocked.schema, { ...ids, orderId: 'a\u0000', qty: 1 }],
    ['an empty id', OutOfStocked.schema, { ...ids, bookId: '', qty: 1 }],
    ['a time that is not ISO-8601', Ordered.schema, { ...ids, qty: 1, price: 0, orderedAt: 'now' }],
    ['a restock adding nothing', StockIncreased.schema, { bookId: 'b', added: 0, stock: 1 }],
    ['a negative stock', StockIncreased.schema, { bookId: 'b', added: 1, stock: -1 }],
    ['a bidi title', BookRegistered.schema, { bookId: 'b', title: '\u202Egnp.exe', author: '', price: 0, stock: 0, registeredAt: at }],
    ['an empty name', CustomerRegistered.schema, { customerId: 'c', name: '', email: 'a@example.com', registeredAt: at }],
    ['a name with a newline', CustomerRegistered.schema, { customerId: 'c', name: 'a\nb', email: 'a@example.com', registeredAt: at }],
  ])('when an event carries %s, then it breaks its contract (the subscriber DROPs it)', (_why, schema, data) => {
    expect(schema.safeParse(data).success).toBe(false);
  });
});

describe('BookActor bodies', () => {
  it.each([
    ['a negative restock', RestockRequestSchema, { restockId: 'r1', qty: -5 }],
    ['a zero restock', RestockRequestSchema, { restockId: 'r1', qty: 0 }],
    ['a huge restock', RestockRequestSchema, { restockId: 'r1', qty: LIMITS.maxRestock + 1 }],
    ['a restock without an id', RestockRequestSchema, { qty: 1 }],
    ['an empty batch', ReserveManyRequestSchema, { reservations: [] }],
    ['a batch of 101', ReserveManyRequestSchema, { reservations: Array.from({ length: 101 }, (_, i) => ({ orderId: `o${i}`, qty: 1 })) }],
    [
      'a batch with one bad qty',
      ReserveManyRequestSchema,
      {
        reservations: [
          { orderId: 'o1', qty: 1 },
          { orderId: 'o2', qty: 1.5 },
        ],
      },
    ],
    ['a price above the bound', RegisterBookRequestSchema, { title: 'T', author: '', price: LIMITS.maxPrice + 1, stock: 0, registeredAt: at }],
    ['a control character in the author', RegisterBookRequestSchema, { title: 'T', author: 'a\u0007', price: 0, stock: 0, registeredAt: at }],
  ])('when a body carries %s, then it is refused', (_why, schema, body) => {
    expect(schema.safeParse(body).success).toBe(false);
  });
});
