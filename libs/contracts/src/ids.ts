import { createHash } from 'node:crypto';
import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';

/**
 * A new id for an aggregate, a command or anything else the platform or its clients name: a UUID of version 7,
 * whose first 48 bits are the time it was made in milliseconds (RFC 9562). Ids made one after the other sort one
 * after the other, so the indexes keyed by them (the log's event ids, its stream keys, the read models' keys) grow
 * at their right edge rather than at a random leaf (docs/adr/0040-time-ordered-ids.md).
 */
export function newId(): string {
  return uuidv7();
}

const TIME_ORDERED = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** Whether `id` is a time-ordered UUID (version 7, RFC 9562 variant). */
export function isTimeOrderedId(id: string): boolean {
  return TIME_ORDERED.test(id);
}

/** The millisecond a time-ordered id carries, or undefined for any other id. */
export function timeOfId(id: string): number | undefined {
  if (!isTimeOrderedId(id)) return undefined;
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

/**
 * An id that follows from another: the same `source`, `name` and `namespace` always give the same id, so a retried
 * command derives the ids it derived the first time. A time-ordered `source` gives a time-ordered id of the same
 * millisecond (version 7: the source's 48-bit time, then 74 bits of a SHA-256 of the namespace, the source and the name); any
 * other source gives the name-based id (UUID v5 of the name in the namespace) such ids always were.
 */
export function idDerivedFrom(source: string, name: string, namespace: string): string {
  if (!isTimeOrderedId(source)) return uuidv5(name, namespace);
  const hex = createHash('sha256').update(`${namespace.toLowerCase()}/${source.toLowerCase()}/${name}`).digest('hex');
  const millis = (source.slice(0, 8) + source.slice(9, 13)).toLowerCase();
  const variant = ((parseInt(hex[3] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${millis.slice(0, 8)}-${millis.slice(8, 12)}-7${hex.slice(0, 3)}-${variant}${hex.slice(4, 7)}-${hex.slice(7, 19)}`;
}
