import { compareLogPositions, LOG_START, type LogPosition } from '@pamoja/contracts';
import { EMPTY_HASH, extendLogDigest } from '../sql/event-hash.js';
import { assertIdentifier, type SqlDatabase } from '../sql/sql-database.js';

/** What integrity checks need from the store: its database, schema and the readers' safe head. */
export interface IntegrityTarget {
  readonly db: SqlDatabase;
  readonly schema: string;
  headPosition(): Promise<LogPosition>;
}

/** The log digest at a head: every event up to `position` in log order, counted and folded into `digest`. */
export interface LogCheckpoint {
  readonly seq: number;
  readonly position: LogPosition;
  readonly eventCount: number;
  /** Hex of the rolling log digest (see `extendLogDigest`). */
  readonly digest: string;
  /** The last revision of every stream appended to since the previous checkpoint, as of `position`. */
  readonly streamHeads: Readonly<Record<string, number>>;
  readonly takenAt: Date;
}

export interface TakeCheckpointResult {
  /** The newest checkpoint: the one just taken, or the previous one when the log has not moved. */
  readonly checkpoint: LogCheckpoint;
  readonly created: boolean;
}

interface CheckpointRow {
  seq: number;
  transaction_id: number;
  global_position: number;
  event_count: number;
  digest: Uint8Array;
  stream_heads: Record<string, number>;
  taken_at: Date;
}

/** Rows read per query while folding events into the digest. */
const DIGEST_PAGE = 5000;
/** Attempts when other processes keep taking the next checkpoint first. */
const MAX_ATTEMPTS = 20;

const CHECKPOINT_COLUMNS = `seq, transaction_id::text::bigint AS transaction_id, global_position, event_count, digest,
  stream_heads, taken_at`;

export function bytesOf(value: Uint8Array): Buffer {
  return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

function fromRow(row: CheckpointRow): LogCheckpoint {
  return {
    seq: row.seq,
    position: { transactionId: row.transaction_id, globalPosition: row.global_position },
    eventCount: row.event_count,
    digest: bytesOf(row.digest).toString('hex'),
    streamHeads: row.stream_heads,
    takenAt: row.taken_at,
  };
}

/** Every checkpoint, oldest first. */
export async function readLogCheckpoints(target: IntegrityTarget): Promise<LogCheckpoint[]> {
  const s = assertIdentifier(target.schema);
  const rows = await target.db.query<CheckpointRow>(
    `SELECT ${CHECKPOINT_COLUMNS} FROM ${s}.log_checkpoints ORDER BY seq`,
  );
  return rows.map(fromRow);
}

async function lastCheckpoint(target: IntegrityTarget): Promise<LogCheckpoint | undefined> {
  const s = assertIdentifier(target.schema);
  const rows = await target.db.query<CheckpointRow>(
    `SELECT ${CHECKPOINT_COLUMNS} FROM ${s}.log_checkpoints ORDER BY seq DESC LIMIT 1`,
  );
  return rows[0] ? fromRow(rows[0]) : undefined;
}

/**
 * Folds the stored hashes of the events in (after, upTo] into `digest`, in log order, a page at a time.
 * Only positions below the readers' horizon are asked for, and nothing can appear there any more (ADR 0003),
 * so the pages need not share one snapshot.
 */
async function foldHashes(
  target: IntegrityTarget,
  after: LogPosition,
  upTo: LogPosition,
  digest: Buffer,
): Promise<{ digest: Buffer; count: number; heads: Record<string, number> }> {
  let cursor: LogCursor = { position: after };
  let count = 0;
  let current = digest;
  const heads: Record<string, number> = {};
  for (;;) {
    const rows = await readLogPage<{ hash: Uint8Array }>(target, 'e.hash', cursor, upTo, DIGEST_PAGE);
    for (const row of rows) {
      current = extendLogDigest(current, row.transaction_id, row.global_position, bytesOf(row.hash));
      heads[row.stream_id] = Math.max(heads[row.stream_id] ?? -1, row.stream_revision);
      count++;
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < DIGEST_PAGE) return { digest: current, count, heads };
    cursor = cursorAfter(last);
  }
}

/**
 * Where a page of the log in log order starts: strictly after a position, or after one row when a page ended.
 * Rows tie-break on (stream id, revision): global positions are unique only as long as nobody forged a row.
 */
export interface LogCursor {
  readonly position: LogPosition;
  readonly row?: { readonly streamId: string; readonly revision: number };
}

export interface LogPageRow {
  transaction_id: number;
  global_position: number;
  stream_id: string;
  stream_revision: number;
}

export function cursorAfter(row: LogPageRow): LogCursor {
  return {
    position: { transactionId: row.transaction_id, globalPosition: row.global_position },
    row: { streamId: row.stream_id, revision: row.stream_revision },
  };
}

/** One page of `<schema>.events` in log order after `cursor`, up to and including `upTo`. */
export async function readLogPage<R extends object>(
  target: IntegrityTarget,
  columns: string,
  cursor: LogCursor,
  upTo: LogPosition,
  limit: number,
): Promise<(LogPageRow & R)[]> {
  const s = assertIdentifier(target.schema);
  const params: unknown[] = [
    String(cursor.position.transactionId),
    cursor.position.globalPosition,
    String(upTo.transactionId),
    upTo.globalPosition,
    limit,
  ];
  let after = '(e.transaction_id, e.global_position) > ($1::text::xid8, $2::bigint)';
  if (cursor.row) {
    params.push(cursor.row.streamId, cursor.row.revision);
    after = `(e.transaction_id, e.global_position, e.stream_id, e.stream_revision)
      > ($1::text::xid8, $2::bigint, $6::text, $7::bigint)`;
  }
  return target.db.query<LogPageRow & R>(
    `SELECT e.transaction_id::text::bigint AS transaction_id, e.global_position, e.stream_id, e.stream_revision,
            ${columns}
     FROM ${s}.events e
     WHERE ${after} AND (e.transaction_id, e.global_position) <= ($3::text::xid8, $4::bigint)
     ORDER BY e.transaction_id, e.global_position, e.stream_id, e.stream_revision
     LIMIT $5`,
    params,
  );
}

/**
 * Records the log digest at the readers' safe head, extending the previous checkpoint with the events since.
 * Idempotent: when the log has not moved past the last checkpoint, that one is returned and nothing is written.
 * Safe when processes race: checkpoints are numbered, the next number is taken by one INSERT only, and a loser
 * starts again from the winner's checkpoint. Returns undefined while the log is empty.
 */
export async function takeLogCheckpoint(target: IntegrityTarget): Promise<TakeCheckpointResult | undefined> {
  const s = assertIdentifier(target.schema);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const previous = await lastCheckpoint(target);
    const head = await target.headPosition();
    if (compareLogPositions(head, LOG_START) <= 0) return undefined;
    if (previous && compareLogPositions(head, previous.position) <= 0) {
      return { checkpoint: previous, created: false };
    }
    const from = previous?.position ?? LOG_START;
    const folded = await foldHashes(target, from, head, previous ? Buffer.from(previous.digest, 'hex') : EMPTY_HASH);
    const rows = await target.db.query<CheckpointRow>(
      `INSERT INTO ${s}.log_checkpoints (seq, transaction_id, global_position, event_count, digest, stream_heads)
       VALUES ($1, $2::text::xid8, $3, $4, $5, $6::jsonb)
       ON CONFLICT (seq) DO NOTHING
       RETURNING ${CHECKPOINT_COLUMNS}`,
      [
        (previous?.seq ?? 0) + 1,
        String(head.transactionId),
        head.globalPosition,
        (previous?.eventCount ?? 0) + folded.count,
        folded.digest,
        JSON.stringify(folded.heads),
      ],
    );
    if (rows[0]) return { checkpoint: fromRow(rows[0]), created: true };
  }
  throw new Error(`could not take a log checkpoint in ${s}: other processes kept taking it first`);
}
