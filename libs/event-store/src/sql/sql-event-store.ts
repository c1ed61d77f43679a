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
import {
  groupAppend,
  prehashedAppend,
  singleAppend,
  statementName,
  type AppendRow,
  type GroupAppendRow,
  type AppendRequest,
  type PrehashedAppend,
} from './append-statements.js';
import { contentDigest } from './canonical-content.js';
import {
  DEFAULT_GROUP_COMMIT,
  GroupCommit,
  SINGLE_CONNECTION_GROUP_COMMIT,
  type GroupCommitOptions,
} from './group-commit.js';
import { takeLogCheckpoint, type TakeCheckpointResult } from '../integrity/log-checkpoints.js';
import { migrate } from './migrations.js';
import { assertIdentifier, type SqlDatabase } from './sql-database.js';
import { SqlSubscription } from './sql-subscription.js';
import { type Upcasters } from '../upcasting.js';
import { inSpan, streamCategoryOf, TRACE_ATTRIBUTES, withActiveTraceContext } from '../tracing/event-tracing.js';

/** The schema of the store's tables unless `SqlEventStoreOptions.schema` says otherwise. */
export const DEFAULT_EVENT_STORE_SCHEMA = 'event_store';

export interface SqlEventStoreOptions {
  /** Schema holding the store's tables; default `event_store`. */
  readonly schema?: string;
  /** How often a live subscription polls when no notification arrives; default 500 ms. */
  readonly pollIntervalMs?: number;
  /** Old event versions are brought up to date here, as they are read. */
  readonly upcasters?: Upcasters;
  /**
   * Group commit of concurrent appends (ADR 0032); on by default with `DEFAULT_GROUP_COMMIT`, `false` turns it
   * off. A `beforeCommit` hook turns it off too: the hook holds one append's own transaction.
   */
  readonly groupCommit?: GroupCommitOptions | false;
  /**
   * How many events of the log a filtered `readAll` examines per statement; default `FILTER_WINDOW` (5,000).
   * Smaller in tests, to cross windows on a small log.
   */
  readonly filterWindow?: number;
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
/** How many events of the log a filtered read examines per statement (see `readAll`). */
const FILTER_WINDOW = 5_000;
/** How long appends are gathered into one cross-process wake-up. */
const NOTIFY_COALESCE_MS = 5;
/** Attempts for an ANY or STREAM_EXISTS append that keeps losing the race for the next revision. */
const MAX_RACE_ATTEMPTS = 50;

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

/** What one append statement did: the result when it wrote, and the stream's revision as it found it. */
interface AppendOutcome {
  readonly appended?: AppendResult;
  readonly actual: number;
}

function outcomeOf(row: AppendRow, count: number): AppendOutcome {
  if (row.previous == null || row.global_position == null || row.transaction_id == null) return { actual: row.actual };
  return {
    actual: row.actual,
    appended: {
      nextExpectedRevision: row.previous + count,
      position: { transactionId: row.transaction_id, globalPosition: row.global_position },
      idempotentReplay: false,
    },
  };
}

/**
 * The digests of an append whose revisions are known: NO_STREAM starts at 0, an exact expectation r at r + 1.
 * Undefined when they are not (ANY, STREAM_EXISTS) or an event holds a value printed here otherwise than the
 * database prints it: the database hashes those (ADR 0032).
 */
function prehash(
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
): PrehashedAppend | undefined {
  let previous: number;
  if (expected === NO_STREAM) previous = NO_STREAM_REVISION;
  else if (typeof expected === 'number') previous = expected;
  else return undefined;
  const now = Date.now();
  try {
    const digests = events.map((e, i) =>
      contentDigest({
        streamId,
        revision: previous + 1 + i,
        eventId: e.eventId,
        eventType: e.type,
        schemaVersion: e.schemaVersion,
        recordedAtMicros: now * 1000,
        dataJson: JSON.stringify(e.data),
        metadataJson: JSON.stringify(e.metadata),
      }),
    );
    return { streamId, events, expected, recordedAt: new Date(now).toISOString(), digests };
  } catch {
    // Not printable here (or not JSON at all): the database hashes it, or says what is wrong with it.
    return undefined;
  }
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
  private notifying: Promise<void> | undefined;
  private notifyTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Set by the factories that opened the database for the store alone. */
  private ownsDatabase = false;
  private readonly groupCommit: GroupCommit<PrehashedAppend, AppendOutcome> | undefined;
  /** The furthest position this process appended: a reader behind it waits for the horizon, not for a write. */
  private lastAppended: LogPosition = LOG_START;

  private constructor(
    readonly db: SqlDatabase,
    private readonly options: SqlEventStoreOptions,
  ) {
    this.s = assertIdentifier(options.schema ?? DEFAULT_EVENT_STORE_SCHEMA);
    this.cols = `global_position, transaction_id::text::bigint AS transaction_id, stream_id, stream_revision,
      event_id::text AS event_id, event_type, schema_version, data, metadata, recorded_at`;
    this.appended.setMaxListeners(0);
    const grouping =
      options.groupCommit ?? (db.dialect === 'pglite' ? SINGLE_CONNECTION_GROUP_COMMIT : DEFAULT_GROUP_COMMIT);
    this.groupCommit =
      grouping === false || options.hooks?.beforeCommit
        ? undefined
        : new GroupCommit<PrehashedAppend, AppendOutcome>(
            grouping,
            (append) => this.appendAlone(append),
            (appends) => this.appendGroup(appends),
          );
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

  /** Groups of more than one append committed together so far, and the appends they carried (ADR 0032). */
  groupCommitStats(): { readonly groups: number; readonly appends: number } {
    return { groups: this.groupCommit?.groups ?? 0, appends: this.groupCommit?.grouped ?? 0 };
  }

  private get channel(): string {
    return `${this.s}_appended`;
  }

  /**
   * Appends in a span (stream category and event count, never an id), recording its trace context in each
   * event's metadata so the readers of the log continue the writer's trace (ADR 0029).
   */
  appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    return inSpan(
      'event-store append',
      { [TRACE_ATTRIBUTES.streamCategory]: streamCategoryOf(streamId), [TRACE_ATTRIBUTES.eventCount]: events.length },
      () =>
        this.appendTraced(
          streamId,
          events.map((e) => ({ ...e, metadata: withActiveTraceContext(e.metadata) })),
          options,
        ),
    );
  }

  private async appendTraced(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    if (events.length === 0) {
      const actual = await this.streamRevision(streamId);
      if (!matches(options.expectedRevision, actual)) {
        throw new WrongExpectedRevisionError(streamId, options.expectedRevision, actual);
      }
      return { nextExpectedRevision: actual, position: await this.headPosition(), idempotentReplay: false };
    }
    // Writers that need no exact revision simply try again when another writer took the next number.
    const retryOnRace = options.expectedRevision === ANY || options.expectedRevision === STREAM_EXISTS;
    for (let attempt = 1; ; attempt++) {
      let outcome: { appended?: AppendResult; actual: number };
      try {
        outcome = await this.appendOnce(streamId, events, options.expectedRevision);
      } catch (error) {
        if (isUniqueViolation(error, 'events_event_id_unique')) {
          // A retry after a lost acknowledgement: if every id is already in this stream, answer with the
          // first result; ids used elsewhere are a conflict.
          const replay = await this.replayOf(streamId, events);
          if (replay) return replay;
          throw new EventIdConflictError(
            streamId,
            events.map((e) => e.eventId),
          );
        }
        // Another writer committed the same revision first (the primary key decides who wins).
        if (!isUniqueViolation(error, 'events_pkey')) throw error;
        if (retryOnRace && attempt < MAX_RACE_ATTEMPTS) continue;
        outcome = { actual: await this.streamRevision(streamId) };
      }
      if (outcome.appended) {
        if (compareLogPositions(outcome.appended.position, this.lastAppended) > 0) {
          this.lastAppended = outcome.appended.position;
        }
        this.appended.emit('appended');
        this.notifyOtherProcesses();
        return outcome.appended;
      }
      // The stream was not where the writer expected it. A retry whose first attempt did land (its
      // acknowledgement was lost) carries a now stale expectation: it gets the first result back.
      const replay = await this.replayOf(streamId, events);
      if (replay) return replay;
      throw new WrongExpectedRevisionError(streamId, options.expectedRevision, outcome.actual);
    }
  }

  /**
   * One append. When the writer knows the revisions (an exact expectation or NO_STREAM), the digests are computed
   * here and the append goes through group commit (unless a test hook needs the append's own transaction);
   * otherwise the database hashes. When the expectation does not hold, nothing is written and `appended` is
   * undefined.
   */
  private appendOnce(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendOutcome> {
    const prehashed = prehash(streamId, events, expected);
    if (prehashed && this.groupCommit) return this.groupCommit.submit(prehashed);
    return this.appendAlone(prehashed ?? { streamId, events, expected });
  }

  /** One append in one statement: one round trip, an implicit transaction, a plan prepared once per connection. */
  private async appendAlone(append: AppendRequest | PrehashedAppend): Promise<AppendOutcome> {
    const { text, values } =
      'digests' in append
        ? prehashedAppend(this.s, append)
        : singleAppend(this.s, append.streamId, append.events, append.expected);
    const hook = this.options.hooks?.beforeCommit;
    const rows = hook
      ? await this.db.transaction(async (tx) => {
          const inserted = await tx.query<AppendRow>(text, values);
          if (inserted[0]?.previous != null) await hook(append.streamId);
          return inserted;
        })
      : await this.db.query<AppendRow>(text, values, { name: statementName(text) });
    const row = rows[0];
    if (!row) throw new Error(`append to ${append.streamId} returned no row`);
    return outcomeOf(row, append.events.length);
  }

  /** Appends to distinct streams in one statement and one transaction (group commit, ADR 0032). */
  private async appendGroup(appends: readonly PrehashedAppend[]): Promise<AppendOutcome[]> {
    const { text, values } = groupAppend(this.s, appends);
    const rows = await this.db.query<GroupAppendRow>(text, values, { name: statementName(text) });
    return appends.map((append, i) => {
      const row = rows.find((r) => r.idx === i + 1);
      if (!row) throw new Error(`a group append to ${append.streamId} returned no row`);
      return outcomeOf(row, append.events.length);
    });
  }

  /**
   * Wakes subscribers in other processes. Sent after commit and coalesced over a few milliseconds: a
   * NOTIFY inside every append would serialise all commits on the notification queue's lock.
   * Subscribers also poll, so a lost wake-up only delays delivery.
   */
  private notifyOtherProcesses(): void {
    if (this.db.dialect !== 'postgres' || this.closed || this.notifyTimer) return;
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = undefined;
      this.notifying = this.db.query("SELECT pg_notify($1, '')", [this.channel]).then(
        () => undefined,
        () => undefined,
      );
    }, NOTIFY_COALESCE_MS);
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
      `SELECT stream_revision AS revision FROM ${this.s}.events WHERE stream_id = $1
       ORDER BY stream_revision DESC LIMIT 1`,
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
    const limit = options.maxCount ?? 1000;
    let after = options.after ?? LOG_START;
    const filtered = this.filterSql(options.filter, []) !== '';
    const events: RecordedEvent[] = [];
    // A filtered read examines the log a window at a time (at first FILTER_WINDOW events in log order), so a page
    // costs what its window holds, whatever the planner estimates: unbounded, a filter that the statistics say
    // matches little (stale after a bulk write, or a rare type) made PostgreSQL scan and sort every remaining
    // position for every page. A window that leaves the page short is followed by one four times as long (up to
    // 64 times the first), so a filter that matches little crosses a long log in a few statements. Each window is
    // one statement under its own snapshot, ending below that snapshot's horizon; no transaction still running
    // can commit at or before it (ADR 0003), so windows read one after the other miss nothing.
    const first = Math.max(1, this.options.filterWindow ?? FILTER_WINDOW);
    let size = first;
    for (;;) {
      const window = await this.readWindow(after, limit - events.length, options.filter, filtered, size);
      size = Math.min(size * 4, first * 64);
      events.push(...window.events);
      after = window.checkedUpTo;
      if (events.length >= limit || !window.windowed || window.reachedHead) return { events, checkedUpTo: after };
    }
  }

  /**
   * One statement: up to `limit` events after `after` that pass the filter, among the next `size` events of the
   * log when `windowed`, and how far that examined the log. The window is a subquery that walks the log-order
   * index with a LIMIT, so the planner cannot trade it for a scan of the rest of the log, and the walk stops as
   * soon as the page is full. Only a short page needs the window's end (the `size`-th event, an index-only walk),
   * and only then is it read.
   */
  private async readWindow(
    after: LogPosition,
    limit: number,
    filter: EventFilter | undefined,
    windowed: boolean,
    size: number,
  ): Promise<{ events: RecordedEvent[]; checkedUpTo: LogPosition; windowed: boolean; reachedHead: boolean }> {
    const params: unknown[] = [String(after.transactionId), after.globalPosition, limit];
    const filterSql = this.filterSql(filter, params);
    params.push(size);
    const window = `$${String(params.length)}`;
    const rows = await this.db.query<EventRow & { kind: string }>(
      `WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin),
       page AS (
         SELECT ${this.cols} FROM ${
           windowed
             ? `(SELECT e.* FROM ${this.s}.events e, horizon
                 WHERE (e.transaction_id, e.global_position) > ($1::text::xid8, $2::bigint)
                   AND e.transaction_id < horizon.xmin
                 ORDER BY e.transaction_id, e.global_position
                 LIMIT ${window}::bigint) e
               WHERE true`
             : `${this.s}.events e, horizon
               WHERE (e.transaction_id, e.global_position) > ($1::text::xid8, $2::bigint)
                 AND e.transaction_id < horizon.xmin`
         } ${filterSql}
         ORDER BY e.transaction_id, e.global_position
         LIMIT $3
       ),
       head AS (
         SELECT ${this.cols} FROM ${this.s}.events e, horizon
         WHERE e.transaction_id < horizon.xmin
         ORDER BY e.transaction_id DESC, e.global_position DESC
         LIMIT 1
       ),
       window_end AS (
         SELECT e.transaction_id, e.global_position FROM ${this.s}.events e, horizon
         WHERE (e.transaction_id, e.global_position) > ($1::text::xid8, $2::bigint)
           AND e.transaction_id < horizon.xmin
         ORDER BY e.transaction_id, e.global_position
         OFFSET ${window}::bigint - 1 LIMIT 1
       )
       SELECT 'event' AS kind, * FROM page
       UNION ALL
       SELECT 'head' AS kind, * FROM head
       UNION ALL
       SELECT 'window_end' AS kind, w.global_position, w.transaction_id::text::bigint,
         NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
       FROM window_end w
       WHERE ${windowed ? 'true' : 'false'} AND (SELECT count(*) FROM page) < $3`,
      params,
    );
    let windowEnd: LogPosition | undefined;
    const events: RecordedEvent[] = [];
    let head: LogPosition | undefined;
    for (const row of rows) {
      if (row.kind === 'window_end') {
        windowEnd = { transactionId: row.transaction_id, globalPosition: row.global_position };
        continue;
      }
      const event = this.toRecorded(row);
      if (row.kind === 'head') head = { transactionId: event.transactionId, globalPosition: event.globalPosition };
      else events.push(event);
    }
    events.sort((a, b) => compareLogPositions(a, b));
    const lastEvent = events[events.length - 1];
    let checkedUpTo: LogPosition = lastEvent
      ? { transactionId: lastEvent.transactionId, globalPosition: lastEvent.globalPosition }
      : after;
    if (events.length >= limit) return { events, checkedUpTo, windowed, reachedHead: false };
    const result = { events, windowed: windowEnd !== undefined, reachedHead: windowEnd === undefined };
    // A short page means everything up to the window's end (or, without one, up to the head) was examined.
    const examined = windowEnd ?? head;
    if (examined && compareLogPositions(examined, checkedUpTo) > 0) checkedUpTo = examined;
    return { ...result, checkedUpTo };
  }

  private filterSql(filter: EventFilter | undefined, params: unknown[]): string {
    let sql = '';
    if (filter?.streamPrefixes && filter.streamPrefixes.length > 0) {
      const clauses = filter.streamPrefixes.map((prefix) => {
        params.push(prefix);
        return `starts_with(e.stream_id, $${params.length})`;
      });
      sql += ` AND (${clauses.join(' OR ')})`;
    }
    if (filter?.eventTypes && filter.eventTypes.length > 0) {
      params.push([...filter.eventTypes]);
      sql += ` AND e.event_type = ANY($${params.length}::text[])`;
    }
    return sql;
  }

  async headPosition(): Promise<LogPosition> {
    const rows = await this.db.query<{ global_position: number; transaction_id: number }>(
      `SELECT e.global_position, e.transaction_id::text::bigint AS transaction_id FROM ${this.s}.events e
       WHERE e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1`,
    );
    const row = rows[0];
    return row ? { transactionId: row.transaction_id, globalPosition: row.global_position } : LOG_START;
  }

  /**
   * Records the log digest up to the readers' safe head (ADR 0012); returns the newest checkpoint, undefined
   * while the log is empty. Idempotent, and safe when several processes take checkpoints at once.
   */
  takeCheckpoint(): Promise<TakeCheckpointResult | undefined> {
    return takeLogCheckpoint(this);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    if (this.closed) throw new Error('the event store is closed');
    const subscription = new SqlSubscription(
      this,
      this.appended,
      options,
      this.options.pollIntervalMs ?? 500,
      () => this.lastAppended,
    );
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
    clearTimeout(this.notifyTimer);
    await this.notifying;
    await this.stopListening?.();
    if (this.ownsDatabase) await this.db.close();
  }
}
