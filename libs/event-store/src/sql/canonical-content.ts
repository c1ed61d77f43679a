import { createHash } from 'node:crypto';

/**
 * content(e) of ADR 0012, printed in this process exactly as PostgreSQL prints it, so that an append can send
 * sha256(content(e)) along instead of having the database build and hash the text of every event (ADR 0032).
 * The chaining step, sha256(previous || digest), stays in the statement, under the expected-revision guard.
 *
 * PostgreSQL's jsonb text output (jsonb_out):
 * - an object's keys in jsonb's order: shorter keys first, then byte order of their UTF-8; a key appears once;
 * - `": "` after a key, `", "` between members and items; `{}` and `[]` when empty;
 * - strings escaped as JSON does (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other controls as `\u00xx`);
 * - numbers as `numeric` prints them. For a number JavaScript prints without an exponent, that is the same text;
 *   a number JavaScript would print with one (1e21, 1e-7) is not printed here: the event is hashed by the database
 *   instead, as before.
 *
 * Verification (`verifyLog`) still computes every hash from the stored row with the database's own printing, so a
 * difference here could never hide tampering: it would show as a break. The property test in
 * canonical-content.int.spec.ts compares this printer with PostgreSQL's on generated and real events.
 */

/** Thrown for a value this printer cannot print as PostgreSQL would; the caller lets the database hash. */
export class NotCanonicalError extends Error {}

// eslint-disable-next-line no-control-regex -- the ASCII range is the point
const ASCII = /^[\u0000-\u007f]*$/;

/** jsonb's key order: UTF-8 length, then UTF-8 bytes (for ASCII the same as comparing the strings). */
function compareKeys(a: string, b: string): number {
  const lengths = Buffer.byteLength(a, 'utf8') - Buffer.byteLength(b, 'utf8');
  if (lengths !== 0) return lengths;
  if (ASCII.test(a) && ASCII.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function printNumber(value: number): string {
  if (!Number.isFinite(value)) throw new NotCanonicalError(`${value} is not a JSON number`);
  const text = JSON.stringify(value);
  if (/[eE]/.test(text)) throw new NotCanonicalError(`${text} prints with an exponent`);
  return text;
}

/** The jsonb text of a value parsed from JSON (plain objects, arrays, strings, numbers, booleans, null). */
export function jsonbText(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return printNumber(value);
    case 'string':
      if (value.includes('\u0000')) throw new NotCanonicalError('jsonb holds no NUL character');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item) => jsonbText(item)).join(', ')}]`;
      const entries = Object.entries(value as Record<string, unknown>);
      entries.sort(([a], [b]) => compareKeys(a, b));
      return `{${entries.map(([key, item]) => `${jsonbText(key)}: ${jsonbText(item)}`).join(', ')}}`;
    }
    case 'undefined':
    case 'bigint':
    case 'function':
    case 'symbol':
      break;
  }
  throw new NotCanonicalError(`a ${typeof value} is not JSON`);
}

/** The columns of content(e), as the statement stores them. */
export interface EventContent {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly eventType: string;
  readonly schemaVersion: number;
  /** recorded_at in microseconds since 1970. */
  readonly recordedAtMicros: number;
  /** The JSON text sent for the data and the metadata: parsed again here, as the database parses it. */
  readonly dataJson: string;
  readonly metadataJson: string;
}

/** content(e) as PostgreSQL prints `jsonb_build_array(...)::text` (see eventContentSql). */
export function contentText(c: EventContent): string {
  if (!Number.isSafeInteger(c.revision) || !Number.isSafeInteger(c.schemaVersion)) {
    throw new NotCanonicalError('revision and schema version must be integers');
  }
  if (!Number.isSafeInteger(c.recordedAtMicros)) throw new NotCanonicalError('recorded_at out of range');
  const eventId = c.eventId.toLowerCase();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(eventId)) {
    throw new NotCanonicalError('the event id is not in the form PostgreSQL prints a uuid');
  }
  return (
    `[${jsonbText(c.streamId)}, ${c.revision}, ${jsonbText(eventId)}, ${jsonbText(c.eventType)}, ` +
    `${c.schemaVersion}, ${c.recordedAtMicros}, ${jsonbText(JSON.parse(c.dataJson))}, ` +
    `${jsonbText(JSON.parse(c.metadataJson))}]`
  );
}

/** sha256(content(e)): the part of hash(e) that does not depend on the event before it. */
export function contentDigest(c: EventContent): Buffer {
  return createHash('sha256').update(contentText(c), 'utf8').digest();
}
