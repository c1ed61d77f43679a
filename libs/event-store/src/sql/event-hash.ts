import { createHash } from 'node:crypto';

/**
 * Hash chains over the events as stored (docs/adr/0012-hash-chained-streams.md).
 *
 * content(e) is the stored row as PostgreSQL itself prints it, one JSON array:
 *   [stream_id, stream_revision, event_id, event_type, schema_version, recorded_at in µs since 1970, data, metadata]
 * jsonb's text output is deterministic (keys sorted, one spacing), so the same row always gives the same bytes,
 * whoever computes it: the append statement, the migration that backfilled older rows, or the verifier.
 *
 *   hash(e_0) = sha256(sha256(content(e_0)))
 *   hash(e_n) = sha256(hash(e_{n-1}) || sha256(content(e_n)))
 */
export interface EventContentColumns {
  readonly streamId: string;
  readonly revision: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly schemaVersion: string;
  readonly recordedAt: string;
  readonly data: string;
  readonly metadata: string;
}

/** Microseconds since 1970 as a whole number: independent of the session's time zone and date style. */
export function microsSql(timestamp: string): string {
  return `(extract(epoch FROM ${timestamp}) * 1000000)::bigint`;
}

/** The SQL text expression of content(e); each column expression must already have the column's type. */
export function eventContentSql(c: EventContentColumns): string {
  return `jsonb_build_array(${c.streamId}::text, ${c.revision}::bigint, ${c.eventId}::uuid, ${c.eventType}::text,
    ${c.schemaVersion}::integer, ${microsSql(c.recordedAt)}, ${c.data}::jsonb, ${c.metadata}::jsonb)::text`;
}

/** The SQL bytea expression of hash(e) given the previous hash expression (empty bytea for revision 0). */
export function eventHashSql(previousHash: string, content: string): string {
  return `sha256(${previousHash} || ${contentDigestSql(content)})`;
}

/** The SQL bytea expression sha256(content(e)), the part of hash(e) that does not depend on the previous event. */
export function contentDigestSql(content: string): string {
  return `sha256(convert_to(${content}, 'UTF8'))`;
}

/** content(e) of the stored columns of `<alias>.events`. */
export function storedContentSql(alias: string): string {
  return eventContentSql({
    streamId: `${alias}.stream_id`,
    revision: `${alias}.stream_revision`,
    eventId: `${alias}.event_id`,
    eventType: `${alias}.event_type`,
    schemaVersion: `${alias}.schema_version`,
    recordedAt: `${alias}.recorded_at`,
    data: `${alias}.data`,
    metadata: `${alias}.metadata`,
  });
}

export const EMPTY_HASH: Buffer = Buffer.alloc(0);

/** hash(e_n) in this process, from the previous stored hash and content(e_n) as PostgreSQL printed it. */
export function chainHash(previous: Uint8Array, content: string): Buffer {
  const contentDigest = createHash('sha256').update(content, 'utf8').digest();
  return createHash('sha256').update(previous).update(contentDigest).digest();
}

function int64(value: number): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeBigInt64BE(BigInt(value));
  return buffer;
}

/**
 * The log digest: each event in log order extends it with its position and its stream hash,
 *   D_0 = empty, D_k = sha256(D_{k-1} || transaction_id(e_k) || global_position(e_k) || hash(e_k))
 * (positions as 8-byte big-endian integers). A checkpoint records D at its head.
 */
export function extendLogDigest(
  previous: Uint8Array,
  transactionId: number,
  globalPosition: number,
  hash: Uint8Array,
): Buffer {
  return createHash('sha256')
    .update(previous)
    .update(int64(transactionId))
    .update(int64(globalPosition))
    .update(hash)
    .digest();
}
