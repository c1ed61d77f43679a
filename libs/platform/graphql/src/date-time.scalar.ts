import { GraphQLScalarType, Kind } from 'graphql';

/** 2025-06-01T09:30:00Z, with optional seconds and fraction, and a time zone (Z or ±hh:mm). */
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

const EXPECTED = 'an ISO-8601 date-time with a time zone, such as 2025-06-01T09:30:00Z';

/** The instant a client wrote, or a TypeError GraphQL reports as the client's (BAD_USER_INPUT). */
export function parseDateTime(value: unknown): Date {
  const refuse = (): never => {
    throw new TypeError(
      `DateTime cannot represent ${typeof value === 'string' ? 'this text' : `a ${typeof value}`}: expected ${EXPECTED}`,
    );
  };
  if (typeof value !== 'string') return refuse();
  const match = ISO_DATE_TIME.exec(value);
  if (!match) return refuse();
  const [, year, month, day, hour, minute, second = '0', , offsetHours = '0', offsetMinutes = '0'] = match.map(
    (part) => part,
  );
  const n = (part: string | undefined) => Number(part ?? '0');
  // The calendar must hold the date as written: no 30 February rolling over into March.
  const calendar = new Date(0);
  calendar.setUTCFullYear(n(year), n(month) - 1, n(day));
  if (
    calendar.getUTCFullYear() !== n(year) ||
    calendar.getUTCMonth() !== n(month) - 1 ||
    calendar.getUTCDate() !== n(day) ||
    n(hour) > 23 ||
    n(minute) > 59 ||
    n(second) > 59 ||
    n(offsetHours) > 23 ||
    n(offsetMinutes) > 59
  ) {
    return refuse();
  }
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return refuse();
  return instant;
}

/**
 * The API's DateTime: only a full ISO-8601 date-time with a time zone. The framework's own scalar turns
 * `true` into 1970-01-01, a number into an instant, and reads a date-time without a zone in the server's
 * local time; here each of those is refused as the client's error.
 */
export const StrictDateTimeScalar = new GraphQLScalarType<Date, string | null>({
  name: 'DateTime',
  description: 'A date-time string at UTC, such as 2019-12-03T09:54:33Z, compliant with the date-time format.',
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING)
      throw new TypeError(`DateTime cannot represent a non-string literal: expected ${EXPECTED}`);
    return parseDateTime(ast.value);
  },
  // As the framework's scalar: a Date is written in UTC; anything else (a resolver's mistake) reads null.
  serialize(value): string | null {
    return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : null;
  },
});
