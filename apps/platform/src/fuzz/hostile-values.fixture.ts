/**
 * Hostile values for the fuzz test: what an attacker or a broken client sends. Each value says whether
 * the API must refuse it (`fail`) or may accept it as ordinary data (`either`): an SQL comment in a free
 * text is just text, a NUL character is not.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type Expectation = 'fail' | 'either';

export interface HostileValue {
  /** Short, readable: printed with a failure. */
  readonly label: string;
  readonly value: Json;
  readonly expect: Expectation;
}

const text = (label: string, value: string, expect: Expectation = 'either'): HostileValue => ({ label, value, expect });

/** Text that is harmless as data: it must be stored as sent or refused with a clear error. */
export const INJECTION_STRINGS: readonly HostileValue[] = [
  text('sql quote', "O'Brien's pit"),
  text('sql drop table', "x'; DROP TABLE event_store.events; --"),
  text('sql comment', 'note /* comment */ -- end'),
  text('sql union', "' UNION SELECT password FROM users --"),
  text('sql boolean', "1' OR '1'='1"),
  text('json fragment', '{"$ne": null, "__proto__": {"admin": true}}'),
  text('json breaking', '"}], "data": {"admin": true}, "x": [{"'),
  text('script tag', '<script>alert(document.cookie)</script>'),
  text('html attribute', '"><img src=x onerror=alert(1)>'),
  text('template syntax', '{{7*7}} ${7*7} <%= 7*7 %> #{7*7}'),
  text('path traversal', '../../../../etc/passwd'),
  text('windows path traversal', '..\\..\\..\\windows\\win.ini'),
  text('crlf header injection', 'note\r\nSet-Cookie: session=stolen'),
  text('log line injection', 'note\n{"level":60,"msg":"forged log line"}'),
  text('rtl override', 'invoice \u202Egnp.exe'),
  text('zero width', 'pit\u200B4\u200D\uFEFF'),
  text('emoji and combining marks', 'Kivu 🇨🇩 ⛏️ e\u0301\u0301\u0301'),
  text('long unicode', 'ⱯⱯⱯ 𝓐𝓑𝓒 '.repeat(150)),
  text('format specifiers', '%s%s%s%n%x %d'),
  text('ldap and shell', '*)(uid=*))(|(uid=*; $(reboot) `id` | cat /etc/shadow'),
  text('empty', ''),
  text('blank', '   \t  '),
  text('10 kB', 'x'.repeat(10 * 1024)),
];

/** Text no field may hold: it breaks storage, logs or displays. */
export const FORBIDDEN_STRINGS: readonly HostileValue[] = [
  text('NUL', 'before\u0000after', 'fail'),
  text('NUL only', '\u0000', 'fail'),
  text('bell and backspace', 'ring\u0007\u0008', 'fail'),
  text('escape sequence', '\u001b[31mred\u001b[0m', 'fail'),
  text('DEL and C1 controls', 'a\u007f\u0085\u009b', 'fail'),
  text('unpaired high surrogate', 'pit \uD800 four', 'fail'),
  text('unpaired low surrogate', '\uDC00 end', 'fail'),
  text('reversed surrogate pair', '\uDE00\uD83D', 'fail'),
  text('100 kB', 'y'.repeat(100 * 1024), 'fail'),
];

export const MALFORMED_IDS: readonly HostileValue[] = [
  text('not a uuid', 'not-a-uuid', 'fail'),
  text('empty id', '', 'fail'),
  text('uuid with sql', "00000000-0000-0000-0000-000000000000' OR '1'='1", 'fail'),
  text('uuid with NUL', '00000000-0000-4000-8000-000000000000\u0000', 'fail'),
  text('path traversal id', '../../../../etc/passwd', 'fail'),
  text('uuid too long', '00000000-0000-4000-8000-0000000000001', 'fail'),
  text('uuid braces', '{00000000-0000-4000-8000-000000000000}', 'fail'),
  text('numeric id', '12345', 'fail'),
  text('huge id', 'a'.repeat(10 * 1024), 'fail'),
];

export const BAD_DATES: readonly HostileValue[] = [
  text('not a date', 'tomorrow', 'fail'),
  text('impossible date', '2025-13-45T25:61:00Z', 'fail'),
  text('date with sql', "2025-01-01'; DROP TABLE x; --", 'fail'),
  text('empty date', '', 'fail'),
  { label: 'epoch seconds as number', value: 1735689600, expect: 'fail' },
  text('year zero', '0000-01-01T00:00:00Z'),
  text('far past', '1900-01-01T00:00:00Z'),
  text('unix epoch', '1970-01-01T00:00:00Z'),
  text('far future', '9999-12-31T23:59:59Z'),
  text('largest js date', '+275760-09-13T00:00:00.000Z'),
  text('beyond js dates', '+275760-09-13T00:00:00.001Z', 'fail'),
  text('no time zone', '2030-01-01T10:00:00', 'fail'),
  text('date only', '2030-01-01', 'fail'),
  text('30 February', '2030-02-30T10:00:00Z', 'fail'),
];

export const BAD_INTS: readonly HostileValue[] = [
  { label: 'negative', value: -1, expect: 'either' },
  { label: 'large negative', value: -2147483648, expect: 'either' },
  { label: 'int32 max', value: 2147483647, expect: 'either' },
  { label: 'above int32', value: 2147483648, expect: 'fail' },
  { label: 'huge', value: 1e20, expect: 'fail' },
  { label: 'float for int', value: 1.5, expect: 'fail' },
  { label: 'numeric string', value: '12', expect: 'fail' },
  { label: 'NaN string', value: 'NaN', expect: 'fail' },
  { label: 'Infinity string', value: 'Infinity', expect: 'fail' },
];

export const BAD_FLOATS: readonly HostileValue[] = [
  { label: 'negative', value: -1, expect: 'either' },
  { label: 'huge', value: 1e308, expect: 'either' },
  { label: 'huge negative', value: -1e308, expect: 'either' },
  { label: 'tiny', value: 5e-324, expect: 'either' },
  { label: 'NaN string', value: 'NaN', expect: 'fail' },
  { label: 'Infinity string', value: 'Infinity', expect: 'fail' },
  { label: 'overflowing string', value: '1e999', expect: 'fail' },
];

/** Values of another JSON type than the field's: GraphQL refuses them while coercing variables. */
export function wrongTypesFor(kind: 'string' | 'number' | 'boolean' | 'list' | 'object'): HostileValue[] {
  const all: Record<typeof kind, HostileValue> = {
    string: { label: 'a string instead', value: 'true', expect: 'fail' },
    number: { label: 'a number instead', value: 42, expect: 'fail' },
    boolean: { label: 'a boolean instead', value: true, expect: 'fail' },
    list: { label: 'a list of lists instead', value: [['x']], expect: 'fail' },
    object: { label: 'an object instead', value: { $gt: '' }, expect: 'fail' },
  };
  return (Object.keys(all) as (typeof kind)[]).filter((k) => k !== kind).map((k) => all[k]);
}
