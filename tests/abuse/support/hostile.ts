import fc from 'fast-check';

/**
 * Hostile values for the fuzzer, as JSON text fragments (so a body can carry what
 * JSON.stringify never writes: duplicate keys, `1e999`, `-0`, 30-digit numbers).
 */
export const INJECTIONS = [
  "' OR 1=1 --",
  '" OR ""="',
  '{"$gt":""}',
  '__proto__',
  'constructor',
  'prototype',
  '../../../etc/passwd',
  '..\\..\\windows',
  '%00',
  '\u0000',
  '${jndi:ldap://x}',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '; DROP TABLE orders; --',
  'admin',
  'Bearer x',
];

/** Bidi overrides, zero-widths, control characters, a lone surrogate, emoji, combining marks. */
export const ODD_UNICODE = [
  '\u202e',
  '\u202d',
  '\u2066',
  '\u200b',
  '\ufeff',
  '\u0007',
  '\u001b[31m',
  '\r\n',
  '\ud800',
  '\udfff',
  '😀',
  '👩‍👩‍👧‍👦',
  'e\u0301\u0301\u0301',
  '\uffff',
  '\u0085',
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(...INJECTIONS, ...ODD_UNICODE),
  fc.array(fc.constantFrom(...ODD_UNICODE, 'a', ' '), { maxLength: 20 }).map((parts) => parts.join('')),
  fc.integer({ min: 201, max: 6_000 }).map((n) => 'x'.repeat(n)),
);

/** Numbers as written in JSON: huge, negative, fractional, unsafe, exponent forms. */
export const numberText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '-1',
    '0',
    '-0',
    '1.5',
    '0.1',
    '1e308',
    '1e999',
    '-1e999',
    '1e-400',
    '9007199254740993',
    '-9007199254740993',
    '9007199254740992',
    '100000000000000000000000000000',
    '101',
    '1000001',
    '1.0',
    '2e1',
    '-2147483649',
  ),
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
);

const quoted = (s: string): string => JSON.stringify(s);

/** Any JSON value, hostile ones favoured. */
export const anyJson: fc.Arbitrary<string> = fc.oneof(
  hostileString.map(quoted),
  numberText,
  fc.constantFrom('true', 'false', 'null', '[]', '{}', '{"$gt":""}', '{"$ne":null}', '[1,2]', '{"__proto__":{"role":"admin"}}', '"1"', '""'),
  fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
);

export const notAString: fc.Arbitrary<string> = fc.oneof(numberText, fc.constantFrom('true', 'false', 'null', '[]', '{}', '{"$gt":""}', '["a"]'));

/** Text that is never a valid title or name: not a string, empty, blank or over `max` characters. */
export const badText = (max: number): fc.Arbitrary<string> =>
  fc.oneof(
    notAString,
    fc.constantFrom('""', '"   "', '"\\t\\n"'),
    fc.integer({ min: max + 1, max: max + 500 }).map((n) => quoted('y'.repeat(n))),
  );

/** Never an email address: not a string, or no `@` in it. */
export const badEmail: fc.Arbitrary<string> = fc.oneof(notAString, hostileString.filter((s) => !s.includes('@')).map(quoted));

/** Never a password: not a string, shorter than 8 or longer than 200. */
export const badPassword: fc.Arbitrary<string> = fc.oneof(
  notAString,
  fc.string({ maxLength: 7 }).map(quoted),
  fc.integer({ min: 201, max: 400 }).map((n) => quoted('p'.repeat(n))),
);

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Never an id: a string with a character outside [A-Za-z0-9_-], empty or too long; a negative, fractional or non-number. */
export const badId: fc.Arbitrary<string> = fc.oneof(
  hostileString.filter((s) => !ID.test(s)).map(quoted),
  fc.constantFrom('-1', '1.5', '-0.5', 'true', 'false', 'null', '[]', '{}', '{"$gt":""}', '["b1"]', '1e999'),
  fc.constant(quoted('i'.repeat(65))),
);

/** Never an integer in [min, max]: out of range, fractional, unsafe, not digits. */
export const badInt = (min: number, max?: number): fc.Arbitrary<string> =>
  fc.oneof(
    fc.integer({ min: -1_000_000, max: min - 1 }).map(String),
    ...(max === undefined ? [] : [fc.integer({ min: max + 1, max: max + 1_000_000 }).map(String)]),
    fc.constantFrom(
      '1.5',
      '0.5',
      '-0.5',
      '9007199254740993',
      '1e999',
      '-1e999',
      '"two"',
      '""',
      '"1.5"',
      '"-1"',
      '" 1"',
      '"1 "',
      '"0x10"',
      '"1e3"',
      'true',
      'null',
      '[]',
      '{}',
      '{"$gt":0}',
      '[1]',
    ),
  );
