import { InvalidInputError } from '@pamoja/contracts';

/** The purpose a caller states for what it does (a request header; `purpose` in WebSocket connection params). */
export const PURPOSE_HEADER = 'x-pamoja-purpose';
const MAX_PURPOSE_LENGTH = 200;

/** Control, format, private-use and unassigned characters: a purpose is printable text on one line. */
const NOT_PRINTABLE = /\p{C}/u;

interface StatedPurpose {
  readonly purpose: string | null;
  /** Set when a purpose was sent but is not acceptable; the request is refused with it. */
  readonly error: InvalidInputError | undefined;
}

/**
 * The stated purpose, trimmed: absent or blank is none; more than 200 characters or anything not printable
 * is BAD_USER_INPUT naming the header (or `field`). Being audited, it must not hold names or other
 * personal data: "arranging medical care", not whose.
 */
export function statedPurpose(value: unknown, field: string = PURPOSE_HEADER): StatedPurpose {
  if (value === undefined || value === null) return { purpose: null, error: undefined };
  const refuse = (reason: string): StatedPurpose => ({
    purpose: null,
    error: new InvalidInputError([{ field, reason }]),
  });
  if (typeof value !== 'string') return refuse('must be text');
  const purpose = value.trim();
  if (purpose === '') return { purpose: null, error: undefined };
  if (Array.from(purpose).length > MAX_PURPOSE_LENGTH)
    return refuse(`must be at most ${MAX_PURPOSE_LENGTH} characters`);
  if (NOT_PRINTABLE.test(purpose)) return refuse('must be printable text on one line');
  return { purpose, error: undefined };
}
