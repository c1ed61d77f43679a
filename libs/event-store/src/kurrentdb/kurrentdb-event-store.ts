import { randomInt } from 'node:crypto';
import esdb, {
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
  type Filter,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  compareLogPositions,
  LOG_START,
  type EventMetadata,
  type LogPosition,
  type NewEvent,
  type RecordedEvent,
} from '@pamoja/contracts';
import { EventIdConflictError, WrongExpectedRevisionError } from '../errors.js';
import { eventFilterMatcher } from '../event-filter.js';
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
import { contentText, NotCanonicalError } from '../sql/canonical-content.js';
import { type SqlDatabase } from '../sql/sql-database.js';
import { chainHash, EMPTY_HASH } from '../sql/event-hash.js';
import { inSpan, streamCategoryOf, TRACE_ATTRIBUTES, withActiveTraceContext } from '../tracing/event-tracing.js';
import { type Upcasters } from '../upcasting.js';
import {
  DEFAULT_KURRENTDB_INDEX_SCHEMA,
  KurrentDbEventIndex,
  type IndexedEvent,
  type IndexEntry,
} from './kurrentdb-event-index.js';

const { EventStoreDBClient: Client, jsonEvent, START, END, FORWARDS, BACKWARDS } = esdb;

export interface KurrentDbEventStoreOptions {
  /** `esdb://host:2113?tls=false`, or any connection string the client takes. */
  readonly connectionString: string;
  /**
   * Put before every stream name on the server, so that several logs (or tests) share one server; `$all` is read
   * through it. Default none. It must not start with `$`, the server's own prefix.
   */
  readonly streamPrefix?: string;
  /**
   * Where the index of event ids is kept (ADR 0035): the platform's PostgreSQL database, shared by every process of
   * the log (PGlite for a single process: tests, tools). Required: the server has no index of ids across streams.
   */
  readonly indexDatabase: SqlDatabase;
  /** The index's schema in `indexDatabase`; default `kurrentdb_index`. One per log (per server and stream prefix). */
  readonly indexSchema?: string;
  /** Old event versions are brought up to date here, as they are read. */
  readonly upcasters?: Upcasters;
  /**
   * A filtered subscription asks the server for a checkpoint every `maxSearchWindow × checkpointInterval` events it
   * examined (default 32 × 1), so its position moves past events it does not want.
   */
  readonly maxSearchWindow?: number;
  readonly checkpointInterval?: number;
}

/** What the adapter keeps in each event's metadata on the server, beside the envelope's own metadata. */
interface StoredMetadata {
  /** KurrentDB's own names, so its correlation projections (`$by_correlation_id`) work on this log. */
  readonly $correlationId: string;
  readonly $causationId?: string;
  readonly pamoja: {
    readonly metadata: EventMetadata;
    readonly schemaVersion: number;
    /** Whole microseconds since 1970, as content(e) of ADR 0012 takes `recorded_at`. */
    readonly recordedAtMicros: number;
    /** The event's link of its stream's hash chain (ADR 0012), hex. */
    readonly hash: string;
  };
}

/** An event as the server keeps it, with its link of the chain. */
export interface StoredEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly recordedAtMicros: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly hash: Buffer;
  readonly position: LogPosition;
}

/** Attempts for an ANY or STREAM_EXISTS append that keeps losing the race for the next revision. */
const MAX_RACE_ATTEMPTS = 50;
/** Streams whose last hash an adapter keeps (see `lastHashes`). */
const HASH_CACHE_STREAMS = 10_000;
/** Events asked for per read of `$all`. */
const ALL_PAGE = 512;

function toLogPosition(position: Position): LogPosition {
  const transactionId = Number(position.commit);
  const globalPosition = Number(position.prepare);
  if (!Number.isSafeInteger(transactionId) || !Number.isSafeInteger(globalPosition)) {
    throw new Error(`a $all position beyond 2^53 (${position.commit}/${position.prepare}) does not fit a log position`);
  }
  return { transactionId, globalPosition };
}

function toPosition(position: LogPosition): Position {
  return { commit: BigInt(position.transactionId), prepare: BigInt(position.globalPosition) };
}

function isSystem(streamName: string): boolean {
  return streamName.startsWith('$');
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function actualOf(error: InstanceType<typeof esdb.WrongExpectedVersionError>): number {
  const actual: unknown = error.actualVersion;
  return typeof actual === 'bigint' ? Number(actual) : NO_STREAM_REVISION;
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/**
 * The event store on KurrentDB (or EventStoreDB), through its gRPC client (ADR 0035). Appends go to one stream
 * each with the server's expected-revision check; the global log is `$all`, in commit order, its position
 * (commit, prepare) carried as (transactionId, globalPosition). The adapter chains every stream's hashes itself
 * (ADR 0012) under the same check, keeps an index of event ids in PostgreSQL (the server has none across streams)
 * and reads through a stream prefix, so system events and other logs on the same server never reach the platform.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly prefix: string;
  /** Set by `open`; the index's table and how far it has read `$all` are in PostgreSQL (`indexDatabase`). */
  private eventIndex: KurrentDbEventIndex | undefined;
  private indexRunning: Promise<void> | undefined;
  private indexQueued: Promise<void> | undefined;
  private readonly subscriptions = new Set<KurrentDbSubscription>();
  private closed = false;
  /**
   * The last event's hash of streams this process wrote or read lately: a stored event's hash never changes, so an
   * append that expects the revision cached here chains on it without reading it again (the server still checks
   * that the stream ends there). Bounded; the oldest entries go first.
   */
  private readonly lastHashes = new Map<string, { revision: number; hash: Buffer }>();

  private constructor(private readonly options: KurrentDbEventStoreOptions) {
    const prefix = options.streamPrefix ?? '';
    if (isSystem(prefix)) throw new Error(`streamPrefix: "${prefix}" starts with $, which the server keeps for itself`);
    // Checked here too for callers the compiler does not see (plain JavaScript, configuration built at run time).
    if (!(options.indexDatabase as SqlDatabase | undefined)) {
      throw new Error(
        'indexDatabase: required; the KurrentDB adapter keeps its index of event ids in PostgreSQL (ADR 0035): ' +
          "pass the platform's database",
      );
    }
    this.prefix = prefix;
    this.client = Client.connectionString(options.connectionString);
  }

  /**
   * Opens the store: creates the index's schema in `indexDatabase` if needed and checks that the server answers.
   * Nothing of `$all` is read here: the index is brought up to the end of `$all` from its stored position when it
   * is first used.
   */
  static async open(options: KurrentDbEventStoreOptions): Promise<KurrentDbEventStore> {
    const store = new KurrentDbEventStore(options);
    let last: LogPosition | undefined;
    try {
      const [newest] = await collect(store.client.readAll({ fromPosition: END, maxCount: 1, direction: BACKWARDS }));
      last = newest?.event?.position ? toLogPosition(newest.event.position) : undefined;
    } catch (error) {
      await store.close();
      throw new Error(`KurrentDB at ${options.connectionString} did not answer: ${String(error)}`, { cause: error });
    }
    try {
      const index = await KurrentDbEventIndex.open(
        options.indexDatabase,
        options.indexSchema ?? DEFAULT_KURRENTDB_INDEX_SCHEMA,
        store.prefix,
      );
      // An index that has read further than this server's `$all` goes is another server's, or a server restored
      // from an older backup: its entries would answer retries with events the log no longer holds.
      const upTo = await index.indexedUpTo();
      if (upTo && (!last || compareLogPositions(upTo, last) > 0)) {
        throw new Error(
          `indexSchema: ${index.schema} has read $all up to ${upTo.transactionId}/${upTo.globalPosition}, beyond ` +
            `the end of $all at ${options.connectionString}: it indexes another server's log (or the server was ` +
            `restored to an earlier point); drop schema ${index.schema} to index this log anew`,
        );
      }
      store.eventIndex = index;
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  private get index(): KurrentDbEventIndex {
    if (!this.eventIndex) throw new Error('the KurrentDB event store was not opened (KurrentDbEventStore.open)');
    return this.eventIndex;
  }

  private serverName(streamId: string): string {
    return `${this.prefix}${streamId}`;
  }

  private isOurs(streamName: string): boolean {
    return !isSystem(streamName) && streamName.startsWith(this.prefix);
  }

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
    if (this.closed) throw new Error('the event store is closed');
    if (events.length === 0) {
      const actual = await this.streamRevision(streamId);
      if (!matches(options.expectedRevision, actual)) {
        throw new WrongExpectedRevisionError(streamId, options.expectedRevision, actual);
      }
      return { nextExpectedRevision: actual, position: await this.headPosition(), idempotentReplay: false };
    }
    await this.catchUpIndex();
    const replay = await this.replayOf(streamId, events);
    if (replay) return replay;

    const retryOnRace = options.expectedRevision === ANY || options.expectedRevision === STREAM_EXISTS;
    for (let attempt = 1; ; attempt++) {
      const previous = await this.previousOf(streamId, options.expectedRevision);
      // To the microsecond, as PostgreSQL keeps recorded_at; the microseconds drawn at random so that two writers
      // of the same events in the same millisecond still write different hashes (see below).
      const recordedAtMicros = Date.now() * 1000 + randomInt(1000);
      let hash = previous.hash;
      let firstHash: Buffer | undefined;
      const proposed = events.map((event, i) => {
        const revision = previous.revision + 1 + i;
        hash = chainHash(hash, printableContent(streamId, revision, event, recordedAtMicros));
        firstHash ??= hash;
        const stored: StoredMetadata = {
          $correlationId: event.metadata.correlationId,
          ...(event.metadata.causationId ? { $causationId: event.metadata.causationId } : {}),
          pamoja: {
            metadata: event.metadata,
            schemaVersion: event.schemaVersion,
            recordedAtMicros,
            hash: hash.toString('hex'),
          },
        };
        return jsonEvent({
          id: event.eventId,
          type: event.type,
          // The client sends JSON; a bare string is valid JSON too.
          data: event.data as Parameters<typeof jsonEvent>[0]['data'],
          metadata: stored,
        });
      });
      try {
        const result = await this.client.appendToStream(this.serverName(streamId), proposed, {
          expectedRevision: previous.revision === NO_STREAM_REVISION ? esdb.NO_STREAM : BigInt(previous.revision),
        });
        if (!result.position) throw new Error(`the server answered an append to ${streamId} without a position`);
        const position = toLogPosition(result.position);
        const nextExpectedRevision = Number(result.nextExpectedRevision);
        // The server answers the same event ids appended again after the same revision with success, without
        // writing (its own idempotence): the events it holds then carry another writer's hashes. A concurrent
        // retry of the same command (the same ids, another request) is told from a write that way.
        const [first] = await this.readServerStream(streamId, {
          fromRevision: BigInt(nextExpectedRevision - events.length + 1),
          maxCount: 1,
        });
        if (!first || !firstHash || !hashOf(first).equals(firstHash)) {
          await this.catchUpIndex();
          const landed = await this.replayOf(streamId, events);
          if (landed) return landed;
          throw new Error(`an append to ${streamId} was acknowledged, but its events are not in the stream`);
        }
        this.rememberHash(streamId, nextExpectedRevision, hash);
        // The index reads these events from $all (with every event's own position) before it is next used.
        for (const subscription of this.subscriptions) subscription.appended();
        return { nextExpectedRevision, position, idempotentReplay: false };
      } catch (error) {
        if (error instanceof esdb.StreamDeletedError) {
          throw new Error(`stream ${streamId} was deleted on the server; it takes no more events`, { cause: error });
        }
        if (!(error instanceof esdb.WrongExpectedVersionError)) throw error;
        // A retry whose first attempt did land (its acknowledgement was lost) meets its own events.
        await this.catchUpIndex();
        const landed = await this.replayOf(streamId, events);
        if (landed) return landed;
        if (retryOnRace && attempt < MAX_RACE_ATTEMPTS) continue;
        throw new WrongExpectedRevisionError(streamId, options.expectedRevision, actualOf(error));
      }
    }
  }

  /**
   * Writes events exactly as another log stored them: their ids, revisions, `recorded_at` and hashes (a copy of a
   * log, `npm run migrate-log`). They must follow the stream's last event; nothing is recomputed, so the copy
   * verifies exactly as the original did.
   */
  async appendStored(events: readonly StoredEvent[]): Promise<LogPosition> {
    const first = events[0];
    if (!first) throw new Error('appendStored: no events');
    const streamId = first.streamId;
    events.forEach((event, i) => {
      if (event.streamId !== streamId || event.revision !== first.revision + i) {
        throw new Error(`appendStored: events must be consecutive revisions of one stream (${event.eventId})`);
      }
    });
    const proposed = events.map((event) => {
      const stored: StoredMetadata = {
        $correlationId: event.metadata.correlationId,
        ...(event.metadata.causationId ? { $causationId: event.metadata.causationId } : {}),
        pamoja: {
          metadata: event.metadata,
          schemaVersion: event.schemaVersion,
          recordedAtMicros: event.recordedAtMicros,
          hash: event.hash.toString('hex'),
        },
      };
      return jsonEvent({
        id: event.eventId,
        type: event.type,
        data: event.data as Parameters<typeof jsonEvent>[0]['data'],
        metadata: stored,
      });
    });
    const result = await this.client.appendToStream(this.serverName(streamId), proposed, {
      expectedRevision: first.revision === 0 ? esdb.NO_STREAM : BigInt(first.revision - 1),
    });
    if (!result.position) throw new Error(`the server answered an append to ${streamId} without a position`);
    // The index reads these events from $all before it is next used.
    return toLogPosition(result.position);
  }

  /** Where an event id is in this log (stream and revision), everything committed so far considered. */
  async locate(eventId: string): Promise<{ streamId: string; revision: number } | undefined> {
    await this.catchUpIndex();
    const found = (await this.index.lookup([eventId])).get(eventId);
    return found ? { streamId: found.streamId, revision: found.revision } : undefined;
  }

  private rememberHash(streamId: string, revision: number, hash: Buffer): void {
    this.lastHashes.delete(streamId);
    this.lastHashes.set(streamId, { revision, hash });
    if (this.lastHashes.size > HASH_CACHE_STREAMS) {
      const oldest = this.lastHashes.keys().next();
      if (!oldest.done) this.lastHashes.delete(oldest.value);
    }
  }

  /**
   * The stream's last event as the append expects it, with its hash: the chain goes on from there, and the server
   * writes only if the stream still ends there. ANY and STREAM_EXISTS take the stream's end as they find it.
   */
  private async previousOf(streamId: string, expected: ExpectedRevision): Promise<{ revision: number; hash: Buffer }> {
    const none = { revision: NO_STREAM_REVISION, hash: EMPTY_HASH };
    if (expected === NO_STREAM || expected === NO_STREAM_REVISION) return none;
    if (typeof expected === 'number') {
      const cached = this.lastHashes.get(streamId);
      if (cached?.revision === expected) return cached;
      const [event] = await this.readServerStream(streamId, { fromRevision: BigInt(expected), maxCount: 1 });
      if (!event || Number(event.revision) !== expected) {
        throw new WrongExpectedRevisionError(streamId, expected, await this.streamRevision(streamId));
      }
      return { revision: expected, hash: hashOf(event) };
    }
    const [last] = await this.readServerStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
    if (!last) {
      if (expected === STREAM_EXISTS) throw new WrongExpectedRevisionError(streamId, expected, NO_STREAM_REVISION);
      return none;
    }
    return { revision: Number(last.revision), hash: hashOf(last) };
  }

  /** The first result again when every id is already in this stream, in order; a conflict when only some are. */
  private async replayOf(streamId: string, events: readonly NewEvent[]): Promise<AppendResult | undefined> {
    const indexed = await this.index.lookup(events.map((e) => e.eventId));
    const found = events.map((e) => indexed.get(e.eventId));
    if (found.every((f) => f === undefined)) return undefined;
    const first = found[0];
    const inOrder =
      first !== undefined &&
      found.every((f, i) => f !== undefined && f.streamId === streamId && f.revision === first.revision + i);
    if (!inOrder) {
      throw new EventIdConflictError(
        streamId,
        events.map((e) => e.eventId),
      );
    }
    const last = found[found.length - 1] as IndexedEvent;
    return { nextExpectedRevision: last.revision, position: last.position, idempotentReplay: true };
  }

  /**
   * Brings the event-id index up to the end of `$all`, from the position stored with it. Calls made while one read
   * runs share the next one, so a caller always sees everything committed before it asked.
   */
  private catchUpIndex(): Promise<void> {
    if (this.indexQueued) return this.indexQueued;
    const queued = (this.indexRunning ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => {
        this.indexQueued = undefined;
        const running = this.readIndexTail();
        this.indexRunning = running;
        return running;
      });
    this.indexQueued = queued;
    return queued;
  }

  /**
   * Reads `$all` from the index's stored position to its end, a page at a time, each page written to the index with
   * the position it reaches in one transaction. Other processes of the same log share the table: a page one of them
   * already wrote changes nothing, and the next page starts wherever the stored position got to.
   */
  private async readIndexTail(): Promise<void> {
    const index = this.index;
    let from = await index.indexedUpTo();
    for (;;) {
      const page = await collect(
        this.client.readAll({ fromPosition: from ? toPosition(from) : START, maxCount: ALL_PAGE, direction: FORWARDS }),
      );
      const entries: IndexEntry[] = [];
      let last: LogPosition | undefined;
      for (const resolved of page) {
        const event = resolved.event;
        if (!event?.position) continue;
        const position = toLogPosition(event.position);
        if (from && compareLogPositions(position, from) <= 0) continue;
        last = position;
        if (!this.isOurs(event.streamId)) continue;
        entries.push({
          eventId: event.id,
          streamId: event.streamId.slice(this.prefix.length),
          revision: Number(event.revision),
          position,
        });
      }
      if (!last) return;
      from = await index.record(entries, last);
      if (page.length < ALL_PAGE) return;
    }
  }

  private async readServerStream(
    streamId: string,
    options: {
      direction?: typeof FORWARDS | typeof BACKWARDS;
      fromRevision?: bigint | typeof START | typeof END;
      maxCount?: number;
    },
  ): Promise<NonNullable<ResolvedEvent['event']>[]> {
    try {
      const read = await collect(this.client.readStream(this.serverName(streamId), options));
      return read.flatMap((r) => (r.event ? [r.event] : []));
    } catch (error) {
      if (error instanceof esdb.StreamNotFoundError) return [];
      throw error;
    }
  }

  private toRecorded(event: NonNullable<ResolvedEvent['event']>, streamId: string): RecordedEvent {
    const stored = event.metadata as unknown as StoredMetadata | undefined;
    if (!stored?.pamoja || !event.position) {
      throw new Error(`event ${event.id} of ${event.streamId} was not written by this store: it has no envelope`);
    }
    const recorded: RecordedEvent = {
      eventId: event.id,
      type: event.type,
      schemaVersion: stored.pamoja.schemaVersion,
      data: event.data,
      metadata: stored.pamoja.metadata,
      streamId,
      streamRevision: Number(event.revision),
      ...toLogPositionFields(event.position),
      recordedAt: new Date(Math.floor(stored.pamoja.recordedAtMicros / 1000)),
    };
    return this.options.upcasters ? this.options.upcasters.upcast(recorded) : recorded;
  }

  /** A server event of this log as the platform reads it; undefined for system events and other logs' events. */
  recordedOf(event: NonNullable<ResolvedEvent['event']>): RecordedEvent | undefined {
    if (!this.isOurs(event.streamId)) return undefined;
    return this.toRecorded(event, event.streamId.slice(this.prefix.length));
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const events = await this.readServerStream(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision !== undefined ? BigInt(options.fromRevision) : backwards ? END : START,
      ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
    });
    // A command reads its stream before it appends: the append then chains on what was read.
    const last = backwards ? events[0] : events[events.length - 1];
    if (last && (backwards ? options.fromRevision === undefined : options.maxCount === undefined)) {
      this.rememberHash(streamId, Number(last.revision), hashOf(last));
    }
    return events.map((e) => this.toRecorded(e, streamId));
  }

  async streamRevision(streamId: string): Promise<number> {
    const [last] = await this.readServerStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
    return last ? Number(last.revision) : NO_STREAM_REVISION;
  }

  async findEvent(eventId: string): Promise<RecordedEvent | undefined> {
    await this.catchUpIndex();
    const found = (await this.index.lookup([eventId])).get(eventId);
    if (!found) return undefined;
    const [event] = await this.readServerStream(found.streamId, { fromRevision: BigInt(found.revision), maxCount: 1 });
    return event && event.id === eventId ? this.toRecorded(event, found.streamId) : undefined;
  }

  /**
   * `$all` strictly after `after`, this log's events only, filtered here. `checkedUpTo` is the last event of this
   * log examined, so it never names a position of a system event or another log's.
   */
  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const after = options.after ?? LOG_START;
    const limit = options.maxCount ?? 1000;
    const keep = eventFilterMatcher(options.filter);
    const events: RecordedEvent[] = [];
    let checkedUpTo = after;
    let from: Position | typeof START = compareLogPositions(after, LOG_START) === 0 ? START : toPosition(after);
    for (;;) {
      const page = await collect(this.client.readAll({ fromPosition: from, maxCount: ALL_PAGE, direction: FORWARDS }));
      let fresh = 0;
      for (const resolved of page) {
        const event = resolved.event;
        if (!event?.position) continue;
        const position = toLogPosition(event.position);
        if (compareLogPositions(position, after) <= 0) continue;
        if (from !== START && comparePositions(event.position, from) <= 0) continue;
        fresh++;
        from = event.position;
        if (!this.isOurs(event.streamId)) continue;
        checkedUpTo = position;
        const streamId = event.streamId.slice(this.prefix.length);
        if (!keep(streamId, event.type)) continue;
        events.push(this.toRecorded(event, streamId));
        if (events.length >= limit) return { events, checkedUpTo };
      }
      if (page.length < ALL_PAGE || fresh === 0) return { events, checkedUpTo };
    }
  }

  /**
   * This log's events as stored, in log order, up to `upTo`: what content(e) and the chains of ADR 0012 are computed
   * over (no upcasting, personal fields as stored). For the verifier and the migration.
   */
  async *storedEvents(upTo?: LogPosition): AsyncGenerator<StoredEvent> {
    let from: Position | typeof START = START;
    for (;;) {
      const page: AllStreamResolvedEvent[] = await collect(
        this.client.readAll({ fromPosition: from, maxCount: ALL_PAGE, direction: FORWARDS }),
      );
      let fresh = 0;
      for (const resolved of page) {
        const event = resolved.event;
        if (!event?.position) continue;
        if (from !== START && comparePositions(event.position, from) <= 0) continue;
        fresh++;
        from = event.position;
        const position = toLogPosition(event.position);
        if (upTo && compareLogPositions(position, upTo) > 0) return;
        if (!this.isOurs(event.streamId)) continue;
        const stored = event.metadata as unknown as StoredMetadata | undefined;
        if (!stored?.pamoja) {
          throw new Error(`event ${event.id} of ${event.streamId} was not written by this store: it has no envelope`);
        }
        yield {
          streamId: event.streamId.slice(this.prefix.length),
          revision: Number(event.revision),
          eventId: event.id,
          type: event.type,
          schemaVersion: stored.pamoja.schemaVersion,
          recordedAtMicros: stored.pamoja.recordedAtMicros,
          data: event.data,
          metadata: stored.pamoja.metadata,
          hash: Buffer.from(stored.pamoja.hash, 'hex'),
          position,
        };
      }
      if (page.length < ALL_PAGE || fresh === 0) return;
    }
  }

  /** The last event of this log in `$all`, read backwards past system events and other logs' events. */
  async headPosition(): Promise<LogPosition> {
    let from: Position | typeof END = END;
    for (;;) {
      const page: AllStreamResolvedEvent[] = await collect(
        this.client.readAll({ fromPosition: from, maxCount: ALL_PAGE, direction: BACKWARDS }),
      );
      let fresh = 0;
      for (const resolved of page) {
        const event = resolved.event;
        if (!event?.position) continue;
        if (from !== END && comparePositions(event.position, from) >= 0) continue;
        fresh++;
        from = event.position;
        if (this.isOurs(event.streamId)) return toLogPosition(event.position);
      }
      if (page.length < ALL_PAGE || fresh === 0) return LOG_START;
    }
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    if (this.closed) throw new Error('the event store is closed');
    const subscription = new KurrentDbSubscription(this, options, (filter, after) =>
      this.client.subscribeToAll({
        fromPosition: compareLogPositions(after, LOG_START) === 0 ? START : toPosition(after),
        filter,
      }),
    );
    this.subscriptions.add(subscription);
    void subscription.done.then(
      () => this.subscriptions.delete(subscription),
      () => this.subscriptions.delete(subscription),
    );
    return subscription;
  }

  /**
   * The server-side filter of a subscription: the stream prefixes asked for (behind this log's prefix), else the
   * event types when this log has the server to itself, else this log's prefix; never the server's system events.
   * What the server cannot filter (event types behind a prefix) is filtered here as well.
   */
  serverFilter(filter: EventFilter | undefined, checkpointReached: (position: Position) => void): Filter {
    const common = {
      maxSearchWindow: this.options.maxSearchWindow ?? 32,
      checkpointInterval: this.options.checkpointInterval ?? 1,
      checkpointReached: (_subscription: AllStreamSubscription, position: Position) => {
        checkpointReached(position);
      },
    };
    if (filter?.streamPrefixes && filter.streamPrefixes.length > 0) {
      return esdb.streamNameFilter({ prefixes: filter.streamPrefixes.map((p) => this.serverName(p)), ...common });
    }
    if (this.prefix !== '') return esdb.streamNameFilter({ prefixes: [this.prefix], ...common });
    if (filter?.eventTypes && filter.eventTypes.length > 0) {
      return esdb.eventTypeFilter({ regex: `^(?:${filter.eventTypes.map(escapeRegex).join('|')})$`, ...common });
    }
    return esdb.streamNameFilter({ regex: '^[^$]', ...common });
  }

  keeps(filter: EventFilter | undefined): (streamId: string, type: string) => boolean {
    return eventFilterMatcher(filter);
  }

  /** Closes the client; the index database is the caller's, left open. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.subscriptions].map((s) => s.stop()));
    // A read of the tail under way finishes its page's transaction before the client goes.
    await Promise.allSettled([this.indexRunning, this.indexQueued]);
    await this.client.dispose();
  }
}

function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

function toLogPositionFields(position: Position): { transactionId: number; globalPosition: number } {
  const p = toLogPosition(position);
  return { transactionId: p.transactionId, globalPosition: p.globalPosition };
}

function matches(expected: ExpectedRevision, actual: number): boolean {
  if (expected === ANY) return true;
  if (expected === NO_STREAM) return actual === NO_STREAM_REVISION;
  if (expected === STREAM_EXISTS) return actual > NO_STREAM_REVISION;
  return expected === actual;
}

function hashOf(event: NonNullable<ResolvedEvent['event']>): Buffer {
  const stored = event.metadata as { pamoja?: { hash?: unknown } } | undefined;
  if (typeof stored?.pamoja?.hash !== 'string') {
    throw new Error(`event ${event.id} of ${event.streamId} carries no hash: it was not written by this store`);
  }
  return Buffer.from(stored.pamoja.hash, 'hex');
}

/** content(e) of ADR 0012 for an event about to be written; refuses what this printer cannot print as PostgreSQL does. */
function printableContent(streamId: string, revision: number, event: NewEvent, recordedAtMicros: number): string {
  const content = {
    streamId,
    revision,
    eventId: event.eventId,
    eventType: event.type,
    schemaVersion: event.schemaVersion,
    recordedAtMicros,
    dataJson: JSON.stringify(event.data),
    metadataJson: JSON.stringify(event.metadata),
  };
  try {
    return contentText(content);
  } catch (error) {
    if (error instanceof NotCanonicalError) {
      throw new Error(`event ${event.eventId} (${event.type}): data holds ${error.message}; this log cannot hash it`, {
        cause: error,
      });
    }
    throw error;
  }
}

type Item =
  | { readonly kind: 'event'; readonly event: RecordedEvent }
  | { readonly kind: 'checkpoint'; readonly position: LogPosition }
  | { readonly kind: 'caughtUp' };

/**
 * A catch-up subscription to `$all` with the server filtering (see `serverFilter`). Events, the server's
 * checkpoints and its "caught up" are handled in the order they arrived; batches go to the handler one at a time.
 * Once caught up, the position moves to the last event of this log that the filter skipped, found by reading
 * `$all` from the position: anything written after that read lands after it, so nothing is stepped over.
 */
class KurrentDbSubscription implements Subscription {
  readonly done: Promise<void>;
  private current: LogPosition;
  private stopped = false;
  private readonly queue: Item[] = [];
  /** Items the client reported while events before them were still in its buffer: they wait for those events. */
  private readonly deferred: { remaining: number; item: Item }[] = [];
  private pumping: Promise<void> | undefined;
  private settle!: { resolve: () => void; reject: (error: unknown) => void };
  private settled = false;
  private readonly stream: AllStreamSubscription;
  private readonly keep: (streamId: string, type: string) => boolean;

  constructor(
    private readonly store: KurrentDbEventStore,
    private readonly options: SubscribeOptions,
    open: (filter: Filter, after: LogPosition) => AllStreamSubscription,
  ) {
    this.current = options.after ?? LOG_START;
    this.done = new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    this.keep = store.keeps(options.filter);
    this.stream = open(
      store.serverFilter(options.filter, (position) => {
        this.afterBuffered({ kind: 'checkpoint', position: toLogPosition(position) });
      }),
      this.current,
    );
    this.stream.on('data', (resolved: AllStreamResolvedEvent) => {
      this.onData(resolved);
    });
    this.stream.on('caughtUp', () => {
      this.afterBuffered({ kind: 'caughtUp' });
    });
    this.stream.on('error', (error: unknown) => {
      this.fail(error);
    });
    this.stream.on('end', () => {
      if (!this.stopped) this.fail(new Error('the server ended the subscription to $all'));
    });
  }

  get position(): LogPosition {
    return this.current;
  }

  /** This process appended: nothing to do, the server pushes new events itself. */
  appended(): void {}

  private onData(resolved: AllStreamResolvedEvent): void {
    try {
      const event = resolved.event;
      if (event?.position) {
        const recorded = this.store.recordedOf(event);
        if (recorded && this.keep(recorded.streamId, recorded.type)) this.enqueue({ kind: 'event', event: recorded });
        else if (recorded) this.enqueue({ kind: 'checkpoint', position: toLogPosition(event.position) });
      }
    } catch (error) {
      this.fail(error);
      return;
    }
    for (const waiting of [...this.deferred]) {
      if (--waiting.remaining === 0) {
        this.deferred.splice(this.deferred.indexOf(waiting), 1);
        this.enqueue(waiting.item);
      }
    }
  }

  private afterBuffered(item: Item): void {
    const buffered = this.stream.readableLength;
    if (buffered === 0) this.enqueue(item);
    else this.deferred.push({ remaining: buffered, item });
  }

  private enqueue(item: Item): void {
    if (this.stopped) return;
    this.queue.push(item);
    const batchSize = this.options.batchSize ?? 500;
    if (this.queue.length > 4 * batchSize + 1000) this.stream.pause();
    this.pumping ??= this.pump().finally(() => {
      this.pumping = undefined;
    });
  }

  private async pump(): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    try {
      while (!this.stopped && this.queue.length > 0) {
        const head = this.queue[0] as Item;
        if (head.kind === 'event') {
          const batch: RecordedEvent[] = [];
          while (batch.length < batchSize && this.queue[0]?.kind === 'event') {
            batch.push((this.queue.shift() as { event: RecordedEvent }).event);
          }
          const last = batch[batch.length - 1] as RecordedEvent;
          const position = { transactionId: last.transactionId, globalPosition: last.globalPosition };
          await this.options.onEvents(batch, position);
          if (compareLogPositions(position, this.current) > 0) this.current = position;
        } else if (head.kind === 'checkpoint') {
          this.queue.shift();
          if (compareLogPositions(head.position, this.current) > 0) this.current = head.position;
        } else {
          this.queue.shift();
          if (this.queue.length === 0) {
            const page = await this.store.readAll({
              after: this.current,
              maxCount: 1,
              ...(this.options.filter ? { filter: this.options.filter } : {}),
            });
            if (page.events.length === 0 && compareLogPositions(page.checkedUpTo, this.current) > 0) {
              this.current = page.checkedUpTo;
            }
          }
          if (!this.isStopped()) this.options.onCaughtUp?.(this.current);
        }
        if (this.stream.isPaused() && this.queue.length < batchSize) this.stream.resume();
      }
    } catch (error) {
      this.fail(error);
    }
  }

  /** Read through a method: a handler may stop the subscription while it is awaited. */
  private isStopped(): boolean {
    return this.stopped;
  }

  private fail(error: unknown): void {
    if (this.settled) return;
    this.stopped = true;
    this.settled = true;
    void this.stream.unsubscribe().catch(() => undefined);
    this.settle.reject(error);
  }

  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      await this.stream.unsubscribe().catch(() => undefined);
      await this.pumping;
      if (!this.settled) {
        this.settled = true;
        this.settle.resolve();
      }
    }
    await this.done.catch(() => undefined);
  }
}
