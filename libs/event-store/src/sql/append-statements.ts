import { createHash } from 'node:crypto';
import { type NewEvent } from '@pamoja/contracts';
import { ANY, NO_STREAM, NO_STREAM_REVISION, STREAM_EXISTS, type ExpectedRevision } from '../event-store.port.js';
import { contentDigestSql, eventContentSql, eventHashSql } from './event-hash.js';

/**
 * The SQL of an append (ADR 0003, ADR 0012, ADR 0032). Each statement is one round trip and one implicit
 * transaction: it reads the stream's last revision and hash, checks the expectation, and inserts the events
 * chained on that hash. When the expectation does not hold it inserts nothing and says what the stream holds.
 *
 * Three shapes:
 * - prehashed (the common case): the writer knows each event's revision (an exact expectation or NO_STREAM) and
 *   sends sha256(content(e)) and recorded_at along (canonical-content.ts); the statement only chains:
 *   hash = sha256(previous || digest). Plain parameters for a single event, one JSON array for a batch;
 * - hashed by the database: when the revision is not known in advance (ANY, STREAM_EXISTS) or an event holds a
 *   value the writer cannot print as PostgreSQL does, the statement builds content(e) and hashes it itself;
 * - a group of prehashed appends to distinct streams, gathered while earlier appends were in flight (group
 *   commit): one JSON array of appends, each with its own expectation. An append whose expectation fails writes
 *   nothing; the others are written. All commit together: one round trip, one plan and one WAL flush.
 *
 * Every text is fixed for its shape and expectation kind, so it is prepared once per connection under a name
 * derived from the text (`statementName`).
 */

/** The row an append statement answers, one per append. */
export interface AppendRow {
  /** The stream's revision before the append; null when the expectation failed and nothing was written. */
  previous: number | null;
  /** The stream's revision as the statement found it. */
  actual: number;
  global_position: number | null;
  transaction_id: number | null;
}

export interface GroupAppendRow extends AppendRow {
  /** 1-based index of the append in the group. */
  idx: number;
}

type ExpectationKind = 'no_stream' | 'exists' | 'any' | 'exact';

function kindOf(expected: ExpectedRevision): ExpectationKind {
  if (expected === NO_STREAM || expected === NO_STREAM_REVISION) return 'no_stream';
  if (expected === STREAM_EXISTS) return 'exists';
  if (expected === ANY) return 'any';
  return 'exact';
}

/** A statement name from its text: the same text always gets the same name, two texts never share one. */
export function statementName(text: string): string {
  return `pamoja_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
}

/** The stream's last revision and hash (-1 and empty when it has none), through the primary key's index. */
function lastOfStream(schema: string, streamId: string): string {
  return `SELECT coalesce(last.stream_revision, -1) AS revision, coalesce(last.hash, ''::bytea) AS hash
    FROM (SELECT 1) AS one LEFT JOIN LATERAL (
      SELECT stream_revision, hash FROM ${schema}.events WHERE stream_id = ${streamId}
      ORDER BY stream_revision DESC LIMIT 1
    ) AS last ON true`;
}

/** The content digest of one event given as a JSON object {id, type, v, data, metadata} (see `eventsJson`). */
function jsonEventDigest(streamId: string, revision: string, ev: string, recordedAt: string): string {
  return contentDigestSql(
    eventContentSql({
      streamId,
      revision,
      eventId: `(${ev}->>'id')`,
      eventType: `(${ev}->>'type')`,
      schemaVersion: `(${ev}->>'v')`,
      recordedAt,
      data: `(${ev}->'data')`,
      metadata: `(${ev}->'metadata')`,
    }),
  );
}

/** An event as the JSON the batch and group statements unpack. */
function eventJson(e: NewEvent): Record<string, unknown> {
  return { id: e.eventId, type: e.type, v: e.schemaVersion, data: e.data, metadata: e.metadata };
}

function eventsJson(events: readonly NewEvent[]): unknown[] {
  return events.map((e) => eventJson(e));
}

const INSERT_COLUMNS =
  'stream_id, stream_revision, event_id, event_type, schema_version, data, metadata, recorded_at, hash';

/** An append: its stream, events and expectation. */
export interface AppendRequest {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expected: ExpectedRevision;
}

/** An append whose digests the writer computed: its revisions were known, its content printable. */
export interface PrehashedAppend extends AppendRequest {
  /** recorded_at of all its events, as timestamptz text (ISO 8601, UTC). */
  readonly recordedAt: string;
  /** sha256(content(e)) of each event, in order. */
  readonly digests: readonly Buffer[];
}

/** The expectation as a condition on `current.revision`, its parameter pushed onto `values` when it has one. */
function conditionOf(expected: ExpectedRevision, values: unknown[]): string {
  const kind = kindOf(expected);
  if (kind === 'no_stream') return 'revision = -1';
  if (kind === 'exists') return 'revision >= 0';
  if (kind === 'any') return 'true';
  values.push(expected);
  return `revision = $${values.length}::bigint`;
}

const RESULT = `SELECT (SELECT previous FROM stream) AS previous, (SELECT revision FROM current) AS actual,
       max(global_position) AS global_position, max(transaction_id::text)::bigint AS transaction_id
  FROM ins`;

/** A prehashed append: its statement text and parameters. */
export function prehashedAppend(schema: string, append: PrehashedAppend): { text: string; values: unknown[] } {
  const { streamId, events, expected, recordedAt, digests } = append;
  const single = events.length === 1 ? events[0] : undefined;
  const digest = digests[0];
  if (single && digest) {
    // $1 stream, $2 data, $3 metadata, $4 id, $5 type, $6 version, $7 recorded_at, $8 digest.
    const values: unknown[] = [
      streamId,
      JSON.stringify(single.data),
      JSON.stringify(single.metadata),
      single.eventId,
      single.type,
      single.schemaVersion,
      recordedAt,
      digest,
    ];
    const condition = conditionOf(expected, values);
    const text = `WITH current AS (${lastOfStream(schema, '$1::text')}),
      stream AS (SELECT revision AS previous, hash AS previous_hash FROM current WHERE ${condition}),
      ins AS (
        INSERT INTO ${schema}.events (${INSERT_COLUMNS})
        SELECT $1, stream.previous + 1, $4::uuid, $5, $6::int, $2::jsonb, $3::jsonb, $7::timestamptz,
               sha256(stream.previous_hash || $8::bytea)
        FROM stream
        RETURNING global_position, transaction_id
      )
      ${RESULT}`;
    return { text, values };
  }
  // A batch is a group of one: the group statement chains each append's events in order.
  return groupAppend(schema, [append]);
}

/** An append hashed by the database: its statement text and parameters. */
export function singleAppend(
  schema: string,
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
): { text: string; values: unknown[] } {
  const single = events.length === 1 ? events[0] : undefined;
  // $1 stream id, $2 data (or the batch), $3..$6 the single event's metadata, id, type and version.
  const values: unknown[] = [streamId, JSON.stringify(single ? single.data : eventsJson(events))];
  if (single) values.push(JSON.stringify(single.metadata), single.eventId, single.type, single.schemaVersion);
  const condition = conditionOf(expected, values);
  // recorded_at is fixed here, once, so the hash covers it.
  const stream = `SELECT revision AS previous, hash AS previous_hash, clock_timestamp() AS recorded_at
    FROM current WHERE ${condition}`;
  let text: string;
  if (single) {
    const content = eventContentSql({
      streamId: '$1',
      revision: 'stream.previous + 1',
      eventId: '$4',
      eventType: '$5',
      schemaVersion: '$6',
      recordedAt: 'stream.recorded_at',
      data: '$2',
      metadata: '$3',
    });
    text = `WITH current AS (${lastOfStream(schema, '$1::text')}),
      stream AS (${stream}),
      ins AS (
        INSERT INTO ${schema}.events (${INSERT_COLUMNS})
        SELECT $1, stream.previous + 1, $4::uuid, $5, $6::int, $2::jsonb, $3::jsonb, stream.recorded_at,
               ${eventHashSql('stream.previous_hash', content)}
        FROM stream
        RETURNING global_position, transaction_id
      )
      SELECT (SELECT previous FROM stream) AS previous, (SELECT revision FROM current) AS actual,
             max(global_position) AS global_position, max(transaction_id::text)::bigint AS transaction_id
      FROM ins`;
  } else {
    // Every event's content digest at once, then only the short chaining step event after event.
    text = `WITH RECURSIVE current AS (${lastOfStream(schema, '$1::text')}),
      stream AS (${stream}),
      batch AS (
        SELECT e.ord, stream.previous + e.ord AS revision, (e.ev->>'id')::uuid AS id, e.ev->>'type' AS type,
               (e.ev->>'v')::int AS v, e.ev->'data' AS data, e.ev->'metadata' AS metadata,
               ${jsonEventDigest('$1', 'stream.previous + e.ord', 'e.ev', 'stream.recorded_at')} AS digest
        FROM stream, jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e(ev, ord)
      ),
      chain AS (
        SELECT b.ord, sha256(stream.previous_hash || b.digest) AS hash FROM stream, batch b WHERE b.ord = 1
        UNION ALL
        SELECT b.ord, sha256(chain.hash || b.digest) FROM chain JOIN batch b ON b.ord = chain.ord + 1
      ),
      ins AS (
        INSERT INTO ${schema}.events (${INSERT_COLUMNS})
        SELECT $1, b.revision, b.id, b.type, b.v, b.data, b.metadata, stream.recorded_at, chain.hash
        FROM stream, batch b JOIN chain ON chain.ord = b.ord
        ORDER BY b.ord
        RETURNING global_position, transaction_id
      )
      SELECT (SELECT previous FROM stream) AS previous, (SELECT revision FROM current) AS actual,
             max(global_position) AS global_position, max(transaction_id::text)::bigint AS transaction_id
      FROM ins`;
  }
  return { text, values };
}

/** A group of prehashed appends to distinct streams: one statement, one row per append (by `idx`, 1-based). */
export function groupAppend(schema: string, appends: readonly PrehashedAppend[]): { text: string; values: unknown[] } {
  const requests = appends.map((a) => {
    const kind = kindOf(a.expected);
    return {
      s: a.streamId,
      k: kind,
      r: kind === 'exact' ? a.expected : null,
      t: a.recordedAt,
      e: a.events.map((e, i) => ({ ...eventJson(e), d: a.digests[i]?.toString('hex') })),
    };
  });
  const text = `WITH RECURSIVE req AS (
      SELECT r.idx, r.a->>'s' AS stream_id, r.a->>'k' AS kind, (r.a->>'r')::bigint AS expected,
             (r.a->>'t')::timestamptz AS recorded_at, r.a->'e' AS events
      FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS r(a, idx)
    ),
    current AS (
      SELECT req.idx, coalesce(last.stream_revision, -1) AS revision, coalesce(last.hash, ''::bytea) AS hash
      FROM req LEFT JOIN LATERAL (
        SELECT stream_revision, hash FROM ${schema}.events WHERE stream_id = req.stream_id
        ORDER BY stream_revision DESC LIMIT 1
      ) AS last ON true
    ),
    stream AS (
      SELECT req.idx, req.stream_id, req.events, req.recorded_at, current.revision AS previous,
             current.hash AS previous_hash
      FROM req JOIN current ON current.idx = req.idx
      WHERE CASE req.kind
        WHEN 'no_stream' THEN current.revision = -1
        WHEN 'exists' THEN current.revision >= 0
        WHEN 'any' THEN true
        ELSE current.revision = req.expected
      END
    ),
    batch AS (
      SELECT stream.idx, e.ord, stream.previous + e.ord AS revision, (e.ev->>'id')::uuid AS id,
             e.ev->>'type' AS type, (e.ev->>'v')::int AS v, e.ev->'data' AS data, e.ev->'metadata' AS metadata,
             decode(e.ev->>'d', 'hex') AS digest
      FROM stream, jsonb_array_elements(stream.events) WITH ORDINALITY AS e(ev, ord)
    ),
    chain AS (
      SELECT b.idx, b.ord, sha256(stream.previous_hash || b.digest) AS hash
      FROM batch b JOIN stream ON stream.idx = b.idx WHERE b.ord = 1
      UNION ALL
      SELECT b.idx, b.ord, sha256(chain.hash || b.digest)
      FROM chain JOIN batch b ON b.idx = chain.idx AND b.ord = chain.ord + 1
    ),
    ins AS (
      INSERT INTO ${schema}.events (${INSERT_COLUMNS})
      SELECT stream.stream_id, b.revision, b.id, b.type, b.v, b.data, b.metadata, stream.recorded_at, chain.hash
      FROM batch b JOIN stream ON stream.idx = b.idx JOIN chain ON chain.idx = b.idx AND chain.ord = b.ord
      ORDER BY b.idx, b.ord
      RETURNING stream_id, global_position, transaction_id
    ),
    written AS (
      SELECT stream_id, max(global_position) AS global_position, max(transaction_id::text)::bigint AS transaction_id
      FROM ins GROUP BY stream_id
    )
    SELECT req.idx, stream.previous, current.revision AS actual, written.global_position, written.transaction_id
    FROM req JOIN current ON current.idx = req.idx
      LEFT JOIN stream ON stream.idx = req.idx
      LEFT JOIN written ON written.stream_id = req.stream_id
    ORDER BY req.idx`;
  return { text, values: [JSON.stringify(requests)] };
}
