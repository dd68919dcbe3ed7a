import fc from 'fast-check'

/** Characters SQL Server's password policy makes common, and those URLs, JSON and HTML treat specially. */
export const SPECIALS = [
  '@',
  '/',
  '%',
  ':',
  '#',
  '?',
  '$',
  '{',
  '}',
  '&',
  '=',
  '+',
  ';',
  "'",
  '"',
  '\\',
  ' ',
  '[',
  ']',
  '!',
  '~',
  '^',
  '|',
  '<',
  '>',
  '`',
  'é',
  '€'
]

/**
 * Passwords as SQL Server accepts them (8 or more characters), specials weighted up; never a
 * plain lower-case word, which output could hold without any leak ("sync", a host name).
 */
export const passwords = (maxLength = 24): fc.Arbitrary<string> =>
  fc
    .array(fc.oneof(fc.constantFrom(...SPECIALS), fc.constantFrom(...'abcXYZ019')), { minLength: 8, maxLength })
    .map(chars => chars.join(''))
    .filter(p => p.trim() === p && /[A-Z0-9]/.test(p))
