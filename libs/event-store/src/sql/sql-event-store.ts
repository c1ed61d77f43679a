import { EventEmitter } from 'node:events';
import {
  compareLogPositions,
  LOG_START,
  type EventMetadata,
  type LogPosition,
  type NewEvent,
  type RecordedEvent,
} from '@pamoja/contracts';
import { EventIdConflictError, WrongExpectedRevisionError } from '../errors.js';
import {
  ANY,
  NO_STREAM,
  NO_STREAM_REVISION,
  STREAM_EXISTS,
  type AppendOptions,
  type AppendResult,
  type EventFilter,
  type EventStore,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadAllResult,
  type ReadStreamOptions,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port.js';
import { EVENT_STORE_MIGRATIONS } from './event-store.migrations.js';
import { migrate } from './migrations.js';
import { assertIdentifier, type SqlDatabase, type SqlQueryable } from './sql-database.js';
import { SqlSubscription } from './sql-subscription.js';
import { type Upcasters } from '../upcasting.js';

export interface SqlEventStoreOptions {
  /** Schema holding the store's tables; default `event_store`. */
  readonly schema?: string;
  /** How often a live subscription polls when no notification arrives; default 500 ms. */
  readonly pollIntervalMs?: number;
  /** Old event versions are brought up to date here, as they are read. */
  readonly upcasters?: Upcasters;
  /** Fault-injection seams for the contract suite. */
  readonly hooks?: {
    /** Awaited inside the append transaction after the events were inserted, before COMMIT. */
    readonly beforeCommit?: (streamId: string) => Promise<void>;
  };
}

interface EventRow {
  global_position: number;
  transaction_id: number;
  stream_id: string;
  stream_revision: number;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  recorded_at: Date;
}

const UNIQUE_VIOLATION = '23505';

function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (e.code !== UNIQUE_VIOLATION) return false;
  // PGlite does not always fill `constraint`; its message names the constraint.
  return e.constraint === constraint || (typeof e.message === 'string' && e.message.includes(constraint));
}

function matches(expected: ExpectedRevision, actual: number): boolean {
  if (expected === ANY) return true;
  if (expected === NO_STREAM) return actual === NO_STREAM_REVISION;
  if (expected === STREAM_EXISTS) return actual > NO_STREAM_REVISION;
  return expected === actual;
}

function fromRow(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.event_type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    streamId: row.stream_id,
    streamRevision: row.stream_revision,
    globalPosition: row.global_position,
    transactionId: row.transaction_id,
    recordedAt: row.recorded_at,
  };
}

/**
 * The event store over PostgreSQL or PGlite: the same SQL for both.
 *
 * Appends lock the stream's row (so writers to one stream serialise and expected revisions are exact),
 * insert the events in one statement and NOTIFY subscribers. Readers see events in
 * (transaction id, global position) order and never past the oldest running transaction, so an
 * event that commits late with a lower position is still delivered (ADR 0003).
 */
export class SqlEventStore implements EventStore {
  private readonly s: string;
  private readonly cols: string;
  private readonly appended = new EventEmitter();
  private readonly subscriptions = new Set<SqlSubscription>();
  private stopListening: (() => Promise<void>) | undefined;
  private closed = false;
  /** Set by the factories that opened the database for the store alone. */
  private ownsDatabase = false;

  private constructor(
    readonly db: SqlDatabase,
    private readonly options: SqlEventStoreOptions,
  ) {
    this.s = assertIdentifier(options.schema ?? 'event_store');
    this.cols = `global_position, transaction_id::text::bigint AS transaction_id, stream_id, stream_revision,
      event_id::text AS event_id, event_type, schema_version, data, metadata, recorded_at`;
    this.appended.setMaxListeners(0);
  }

  /** Migrates the schema and starts listening for appends made by other processes. */
  static async open(db: SqlDatabase, options: SqlEventStoreOptions = {}, ownsDatabase = false): Promise<SqlEventStore> {
    const store = new SqlEventStore(db, options);
    store.ownsDatabase = ownsDatabase;
    await migrate(db, store.s, EVENT_STORE_MIGRATIONS);
    if (db.dialect === 'postgres') {
      store.stopListening = await db.listen(store.channel, () => store.appended.emit('appended'));
    }
    return store;
  }

  private toRecorded(row: EventRow): RecordedEvent {
    const event = fromRow(row);
    return this.options.upcasters ? this.options.upcasters.upcast(event) : event;
  }

  get schema(): string {
    return this.s;
  }

  private get channel(): string {
    return `${this.s}_appended`;
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) {
      const actual = await this.streamRevision(streamId);
      if (!matches(options.expectedRevision, actual)) {
        throw new WrongExpectedRevisionError(streamId, options.expectedRevision, actual);
      }
      return { nextExpectedRevision: actual, position: await this.headPosition(), idempotentReplay: false };
    }
    try {
      const result = await this.db.transaction((tx) => this.appendIn(tx, streamId, events, options.expectedRevision));
      this.appended.emit('appended');
      return result;
    } catch (error) {
      // A retry after a lost acknowledgement fails on its (now stale) expected revision or on the
      // event id: if every id is already in this stream, answer with the first result.
      if (error instanceof WrongExpectedRevisionError || isUniqueViolation(error, 'events_event_id_unique')) {
        const replay = await this.replayOf(streamId, events);
        if (replay) return replay;
        if (isUniqueViolation(error, 'events_event_id_unique')) {
          throw new EventIdConflictError(
            streamId,
            events.map((e) => e.eventId),
          );
        }
      }
      throw error;
    }
  }

  private async appendIn(
    tx: SqlQueryable,
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const count = events.length;
    // Lock the stream row and move its revision in one statement; create it if it is new.
    let rows = await tx.query<{ previous: number }>(
      `UPDATE ${this.s}.streams SET revision = revision + $2 WHERE stream_id = $1 RETURNING revision - $2 AS previous`,
      [streamId, count],
    );
    if (rows.length === 0) {
      rows = await tx.query<{ previous: number }>(
        `INSERT INTO ${this.s}.streams (stream_id, revision) VALUES ($1, $2 - 1)
         ON CONFLICT (stream_id) DO NOTHING RETURNING -1 AS previous`,
        [streamId, count],
      );
      if (rows.length === 0) {
        // Created concurrently and committed meanwhile: now the row exists, lock it.
        rows = await tx.query<{ previous: number }>(
          `UPDATE ${this.s}.streams SET revision = revision + $2 WHERE stream_id = $1 RETURNING revision - $2 AS previous`,
          [streamId, count],
        );
      }
    }
    const previous = rows[0]?.previous ?? NO_STREAM_REVISION;
    if (!matches(expected, previous)) throw new WrongExpectedRevisionError(streamId, expected, previous);

    const batch = JSON.stringify(
      events.map((e) => ({ id: e.eventId, type: e.type, v: e.schemaVersion, data: e.data, metadata: e.metadata })),
    );
    const inserted = await tx.query<{ global_position: number; transaction_id: number }>(
      `WITH ins AS (
         INSERT INTO ${this.s}.events (stream_id, stream_revision, event_id, event_type, schema_version, data, metadata)
         SELECT $1, $2 + e.ord, (e.ev->>'id')::uuid, e.ev->>'type', (e.ev->>'v')::int, e.ev->'data', e.ev->'metadata'
         FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(ev, ord)
         ORDER BY e.ord
         RETURNING global_position, transaction_id
       )
       SELECT max(global_position) AS global_position, max(transaction_id::text)::bigint AS transaction_id,
              pg_notify($4, '') AS notified
       FROM ins`,
      [streamId, previous, batch, this.channel],
    );
    const last = inserted[0];
    if (!last) throw new Error(`append to ${streamId} inserted nothing`);
    await this.options.hooks?.beforeCommit?.(streamId);
    return {
      nextExpectedRevision: previous + count,
      position: { transactionId: last.transaction_id, globalPosition: last.global_position },
      idempotentReplay: false,
    };
  }

  private async replayOf(streamId: string, events: readonly NewEvent[]): Promise<AppendResult | undefined> {
    const ids = events.map((e) => e.eventId);
    const rows = await this.db.query<EventRow>(
      `SELECT ${this.cols} FROM ${this.s}.events WHERE event_id = ANY($1::uuid[]) ORDER BY global_position`,
      [ids],
    );
    if (rows.length === 0) return undefined;
    const sameStream = rows.every((r) => r.stream_id === streamId);
    if (rows.length !== ids.length || !sameStream) throw new EventIdConflictError(streamId, ids);
    const last = rows[rows.length - 1] as EventRow;
    return {
      nextExpectedRevision: last.stream_revision,
      position: { transactionId: last.transaction_id, globalPosition: last.global_position },
      idempotentReplay: true,
    };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const params: unknown[] = [streamId];
    let where = 'stream_id = $1';
    if (options.fromRevision !== undefined) {
      params.push(options.fromRevision);
      where += backwards ? ` AND stream_revision <= $2` : ` AND stream_revision >= $2`;
    }
    let limit = '';
    if (options.maxCount !== undefined) {
      params.push(options.maxCount);
      limit = ` LIMIT $${params.length}`;
    }
    const rows = await this.db.query<EventRow>(
      `SELECT ${this.cols} FROM ${this.s}.events WHERE ${where}
       ORDER BY stream_revision ${backwards ? 'DESC' : 'ASC'}${limit}`,
      params,
    );
    return rows.map((row) => this.toRecorded(row));
  }

  async streamRevision(streamId: string): Promise<number> {
    const rows = await this.db.query<{ revision: number }>(
      `SELECT revision FROM ${this.s}.streams WHERE stream_id = $1`,
      [streamId],
    );
    return rows[0] ? rows[0].revision : NO_STREAM_REVISION;
  }

  async findEvent(eventId: string): Promise<RecordedEvent | undefined> {
    const rows = await this.db.query<EventRow>(`SELECT ${this.cols} FROM ${this.s}.events WHERE event_id = $1::uuid`, [
      eventId,
    ]);
    return rows[0] ? this.toRecorded(rows[0]) : undefined;
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const after = options.after ?? LOG_START;
    const limit = options.maxCount ?? 1000;
    const params: unknown[] = [String(after.transactionId), after.globalPosition, limit];
    const filter = this.filterSql(options.filter, params);
    // One statement, so the page and the head are read under the same snapshot.
    const rows = await this.db.query<EventRow & { kind: string }>(
      `WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin),
       page AS (
         SELECT ${this.cols} FROM ${this.s}.events, horizon
         WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
           AND transaction_id < horizon.xmin ${filter}
         ORDER BY transaction_id, global_position
         LIMIT $3
       ),
       head AS (
         SELECT ${this.cols} FROM ${this.s}.events, horizon
         WHERE transaction_id < horizon.xmin
         ORDER BY transaction_id DESC, global_position DESC
         LIMIT 1
       )
       SELECT 'event' AS kind, * FROM page
       UNION ALL
       SELECT 'head' AS kind, * FROM head`,
      params,
    );
    const events: RecordedEvent[] = [];
    let head: LogPosition | undefined;
    for (const row of rows) {
      const event = this.toRecorded(row);
      if (row.kind === 'head') head = { transactionId: event.transactionId, globalPosition: event.globalPosition };
      else events.push(event);
    }
    events.sort((a, b) => compareLogPositions(a, b));
    const lastEvent = events[events.length - 1];
    let checkedUpTo: LogPosition = lastEvent
      ? { transactionId: lastEvent.transactionId, globalPosition: lastEvent.globalPosition }
      : after;
    // A short page means everything visible was examined: the filter skipped the rest up to the head.
    if (events.length < limit && head && compareLogPositions(head, checkedUpTo) > 0) checkedUpTo = head;
    return { events, checkedUpTo };
  }

  private filterSql(filter: EventFilter | undefined, params: unknown[]): string {
    let sql = '';
    if (filter?.streamPrefixes && filter.streamPrefixes.length > 0) {
      const clauses = filter.streamPrefixes.map((prefix) => {
        params.push(prefix);
        return `starts_with(stream_id, $${params.length})`;
      });
      sql += ` AND (${clauses.join(' OR ')})`;
    }
    if (filter?.eventTypes && filter.eventTypes.length > 0) {
      params.push([...filter.eventTypes]);
      sql += ` AND event_type = ANY($${params.length}::text[])`;
    }
    return sql;
  }

  async headPosition(): Promise<LogPosition> {
    const rows = await this.db.query<{ global_position: number; transaction_id: number }>(
      `SELECT global_position, transaction_id::text::bigint AS transaction_id FROM ${this.s}.events
       WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
    );
    const row = rows[0];
    return row ? { transactionId: row.transaction_id, globalPosition: row.global_position } : LOG_START;
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    if (this.closed) throw new Error('the event store is closed');
    const subscription = new SqlSubscription(this, this.appended, options, this.options.pollIntervalMs ?? 500);
    this.subscriptions.add(subscription);
    void subscription.done.then(
      () => this.subscriptions.delete(subscription),
      () => this.subscriptions.delete(subscription),
    );
    return subscription;
  }

  /** Drops the store's schema: for tests that each use their own. */
  async dropSchema(): Promise<void> {
    await this.db.exec(`DROP SCHEMA IF EXISTS ${this.s} CASCADE`);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.subscriptions].map((s) => s.stop()));
    await this.stopListening?.();
    if (this.ownsDatabase) await this.db.close();
  }
}
