import { type LogPosition } from '@pamoja/contracts';
import { migrate, type Migration } from '../sql/migrations.js';
import { assertIdentifier, type SqlDatabase } from '../sql/sql-database.js';

/** The schema of the KurrentDB log's event-id index unless `KurrentDbEventStoreOptions.indexSchema` says otherwise. */
export const DEFAULT_KURRENTDB_INDEX_SCHEMA = 'kurrentdb_index';

/**
 * The index of event ids of a log kept in KurrentDB (ADR 0035), in PostgreSQL beside the read models: where each
 * event id of the log is, and how far `$all` has been read into it. One schema per log; the position row names the
 * stream prefix of its log, so two logs never share an index by mistake.
 */
export const KURRENTDB_INDEX_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'event ids of the log in KurrentDB',
    up: (s) => `
      CREATE TABLE ${s}.event_ids (
        event_id uuid PRIMARY KEY,
        stream_id text NOT NULL,
        stream_revision bigint NOT NULL,
        commit_position bigint NOT NULL,
        prepare_position bigint NOT NULL
      );
      CREATE TABLE ${s}.indexed_up_to (
        only_row boolean PRIMARY KEY DEFAULT true,
        stream_prefix text NOT NULL,
        commit_position bigint,
        prepare_position bigint,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT indexed_up_to_one_row CHECK (only_row),
        CONSTRAINT indexed_up_to_whole_position CHECK ((commit_position IS NULL) = (prepare_position IS NULL))
      );
    `,
  },
];

/** Where an event id is in the log. */
export interface IndexedEvent {
  readonly streamId: string;
  readonly revision: number;
  /** The event's own `$all` position: (commit, prepare) as (transactionId, globalPosition). */
  readonly position: LogPosition;
}

export interface IndexEntry extends IndexedEvent {
  readonly eventId: string;
}

interface PositionRow {
  stream_prefix: string;
  commit_position: number | string | null;
  prepare_position: number | string | null;
}

interface EntryRow {
  event_id: string;
  stream_id: string;
  stream_revision: number | string;
  commit_position: number | string;
  prepare_position: number | string;
}

/** Event ids on the server are UUIDs; anything else cannot be in the log (and PostgreSQL would refuse the cast). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function positionOf(row: PositionRow): LogPosition | undefined {
  if (row.commit_position === null || row.prepare_position === null) return undefined;
  return { transactionId: Number(row.commit_position), globalPosition: Number(row.prepare_position) };
}

/**
 * The table behind the adapter's index. Each page of `$all` read into it is written in one transaction with the
 * position it reaches, so a crash keeps both or neither; an id already there is left as it is (the first event of
 * `$all` with that id), and the position only moves forwards, so several processes reading the same tail at once
 * neither fail nor double an entry.
 */
export class KurrentDbEventIndex {
  private constructor(
    private readonly db: SqlDatabase,
    private readonly s: string,
  ) {}

  /** Creates the schema if needed and claims it for the log with this stream prefix. */
  static async open(db: SqlDatabase, schema: string, streamPrefix: string): Promise<KurrentDbEventIndex> {
    const s = assertIdentifier(schema);
    await migrate(db, s, KURRENTDB_INDEX_MIGRATIONS);
    await db.query(`INSERT INTO ${s}.indexed_up_to (stream_prefix) VALUES ($1) ON CONFLICT (only_row) DO NOTHING`, [
      streamPrefix,
    ]);
    const [row] = await db.query<PositionRow>(`SELECT stream_prefix FROM ${s}.indexed_up_to`);
    if (row && row.stream_prefix !== streamPrefix) {
      throw new Error(
        `indexSchema: ${s} holds the event-id index of the log with streamPrefix "${row.stream_prefix}", ` +
          `not "${streamPrefix}": give each log a schema of its own`,
      );
    }
    return new KurrentDbEventIndex(db, s);
  }

  get schema(): string {
    return this.s;
  }

  /** How far `$all` has been read into the index (a server position, possibly not this log's); undefined: not at all. */
  async indexedUpTo(): Promise<LogPosition | undefined> {
    const [row] = await this.db.query<PositionRow>(
      `SELECT stream_prefix, commit_position, prepare_position FROM ${this.s}.indexed_up_to`,
    );
    return row ? positionOf(row) : undefined;
  }

  /**
   * Records one page of `$all`: its entries of this log and the position read up to, in one transaction. Returns
   * the stored position after it, which is further on when another process has already read further.
   */
  async record(entries: readonly IndexEntry[], upTo: LogPosition): Promise<LogPosition> {
    return this.db.transaction(async (tx) => {
      if (entries.length > 0) {
        await tx.query(
          `INSERT INTO ${this.s}.event_ids (event_id, stream_id, stream_revision, commit_position, prepare_position)
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[])
           ON CONFLICT (event_id) DO NOTHING`,
          [
            entries.map((e) => e.eventId),
            entries.map((e) => e.streamId),
            entries.map((e) => e.revision),
            entries.map((e) => e.position.transactionId),
            entries.map((e) => e.position.globalPosition),
          ],
        );
      }
      await tx.query(
        `UPDATE ${this.s}.indexed_up_to SET commit_position = $1, prepare_position = $2, updated_at = now()
         WHERE commit_position IS NULL OR (commit_position, prepare_position) < ($1::bigint, $2::bigint)`,
        [upTo.transactionId, upTo.globalPosition],
      );
      const [row] = await tx.query<PositionRow>(
        `SELECT stream_prefix, commit_position, prepare_position FROM ${this.s}.indexed_up_to`,
      );
      const stored = row ? positionOf(row) : undefined;
      if (!stored) throw new Error(`the event-id index in ${this.s} lost its position row`);
      return stored;
    });
  }

  /** Where these event ids are, as far as the index has read. */
  async lookup(eventIds: readonly string[]): Promise<Map<string, IndexedEvent>> {
    const found = new Map<string, IndexedEvent>();
    const ids = eventIds.filter((id) => UUID.test(id));
    if (ids.length === 0) return found;
    const rows = await this.db.query<EntryRow>(
      `SELECT event_id::text AS event_id, stream_id, stream_revision, commit_position, prepare_position
       FROM ${this.s}.event_ids WHERE event_id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.map((row) => [row.event_id, row]));
    for (const id of eventIds) {
      // PostgreSQL prints uuids in lower case; the ids asked for keep their own spelling.
      const row = byId.get(id.toLowerCase());
      if (!row) continue;
      found.set(id, {
        streamId: row.stream_id,
        revision: Number(row.stream_revision),
        position: { transactionId: Number(row.commit_position), globalPosition: Number(row.prepare_position) },
      });
    }
    return found;
  }
}
