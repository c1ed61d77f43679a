import { InvalidInputError } from '@pamoja/contracts';
import { decodeCursor, encodeCursor, type CursorKey } from '@pamoja/platform/graphql';

/**
 * One part of a list's sort key, as it goes into a cursor and comes back out. A part that does not parse
 * means the cursor is not one of this list's: the caller gets a clear error naming the field.
 */
export interface CursorPart<T> {
  encode(value: T): CursorKey[number];
  decode(value: CursorKey[number]): T | undefined;
}

/** A PostgreSQL bigint's digits at most (a longer number is not one of our positions). */
const DIGITS = /^\d{1,19}$/;

export const cursorPart = {
  /** An instant, as an ISO 8601 string. */
  instant: {
    encode: (value: Date) => value.toISOString(),
    decode: (value) => {
      const time = new Date(typeof value === 'string' ? value : Number.NaN);
      return Number.isNaN(time.getTime()) ? undefined : time;
    },
  } satisfies CursorPart<Date>,
  /** A non-empty id. */
  id: {
    encode: (value: string) => value,
    decode: (value) => (typeof value === 'string' && value.length > 0 ? value : undefined),
  } satisfies CursorPart<string>,
  /** A log position or sequence kept as a decimal string (it may exceed 2^53). */
  digits: {
    encode: (value: string) => value,
    decode: (value) => (typeof value === 'string' && DIGITS.test(value) ? value : undefined),
  } satisfies CursorPart<string>,
  /** A small integer (a rank, a level, a count). */
  int: {
    encode: (value: number) => value,
    decode: (value) => (typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined),
  } satisfies CursorPart<number>,
  /** A flag. */
  bool: {
    encode: (value: boolean) => (value ? 1 : 0),
    decode: (value) => (value === 1 ? true : value === 0 ? false : undefined),
  } satisfies CursorPart<boolean>,
  /** A text that may be absent. */
  optionalText: {
    encode: (value: string | null) => value,
    decode: (value) => (value === null ? null : typeof value === 'string' ? value : undefined),
  } satisfies CursorPart<string | null>,
} as const;

type ValuesOf<TParts extends readonly CursorPart<unknown>[]> = {
  readonly [K in keyof TParts]: TParts[K] extends CursorPart<infer T> ? T : never;
};

/** A list's keyset cursor: the sort key of the last row seen, typed part by part. */
export interface KeysetCursor<TKey extends readonly unknown[]> {
  encode(key: TKey): string;
  /** The sort key the cursor holds; a cursor of another list, or not ours at all, is an error on `field`. */
  decode(cursor: string, field?: string): TKey;
  /** The key as `toConnection` wants it. */
  keyOf(key: TKey): CursorKey;
}

export function keysetCursor<const TParts extends readonly CursorPart<unknown>[]>(
  ...parts: TParts
): KeysetCursor<ValuesOf<TParts>> {
  // Each part encodes and decodes its own position's type; the tuple type is checked at the call site.
  const codecs = parts as unknown as readonly CursorPart<unknown>[];
  const keyOf = (key: ValuesOf<TParts>): CursorKey =>
    codecs.map((part, i) => part.encode((key as readonly unknown[])[i]));
  return {
    keyOf,
    encode: (key) => encodeCursor(keyOf(key)),
    decode(cursor, field = 'after') {
      const raw = decodeCursor(cursor, codecs.length, field);
      const values = codecs.map((part, i) => part.decode(raw[i] ?? null));
      if (values.some((v) => v === undefined)) {
        throw new InvalidInputError([{ field, reason: 'is not a cursor of this list; pass an endCursor it returned' }]);
      }
      return values as unknown as ValuesOf<TParts>;
    },
  };
}
