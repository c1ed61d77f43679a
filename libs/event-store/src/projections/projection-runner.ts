import { compareLogPositions, LOG_START, type LogPosition, type RecordedEvent } from '@pamoja/contracts';
import { type EventStore, type ReadAllResult, type Subscription } from '../event-store.port.js';
import { eventFilterMatcher, unionOfEventFilters } from '../event-filter.js';
import { migrate } from '../sql/migrations.js';
import { type SqlDatabase, type SqlQueryable } from '../sql/sql-database.js';
import { type Context } from '@opentelemetry/api';
import { inSpan, TRACE_ATTRIBUTES, traceContextOf } from '../tracing/event-tracing.js';
import {
  CHECKPOINT_MIGRATIONS,
  CHECKPOINT_SCHEMA,
  deleteCheckpoint,
  readCheckpoint,
  writeCheckpoint,
  writeCheckpoints,
} from './checkpoints.js';
import { type Projection } from './projection.js';

export interface ProjectionLogger {
  info(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

export interface ProjectionStatus {
  readonly name: string;
  readonly position: LogPosition;
  readonly state: 'stopped' | 'catching_up' | 'live' | 'failing';
  readonly lastError: string | undefined;
}

interface Running {
  readonly projection: Projection;
  /** Whether an event read by the shared feed is one this projection's filter keeps. */
  readonly keeps: (event: RecordedEvent) => boolean;
  /** Fed by the shared feed (true) or, after failing alone, by a subscription of its own. */
  shared: boolean;
  /** Its own subscription, once it has left the shared feed. */
  subscription: Subscription | undefined;
  position: LogPosition;
  state: ProjectionStatus['state'];
  lastError: string | undefined;
  retryTimer: NodeJS.Timeout | undefined;
  failures: number;
}

export interface RebuildProgress {
  readonly processed: number;
  readonly position: LogPosition;
  readonly head: LogPosition;
}

/** The most events applied in one transaction: a page of the log, and the longest a read model's writes hold a lock. */
export const PAGE_SIZE = 500;

/**
 * The page of a rebuild, larger than a live one's: a rebuild runs with its read model stopped (the platform down, or
 * a check on a copy), so no reader waits on its locks, and every page costs its read model a transaction, a
 * checkpoint and a round trip per statement whatever its size. Pages of 5,000 rebuilt coordination.joint-cases
 * (the slowest read model) from a log of a million events in 30–39 % less time than pages of 500, in runs
 * interleaved on one log (ADR 0036, docs/benchmarks.md).
 */
export const REBUILD_PAGE_SIZE = 5_000;

/**
 * A rebuild refreshes its read model's planner statistics once it has applied this many events, again each time
 * that count doubles, and at its end. A rebuild empties the tables and refills them within minutes: statements
 * planned with the statistics of the empty (or of the old) tables chose sequential scans and hash joins that grew
 * with the table, page after page, and a rebuild of a million events took twice as long (issue 19). The server's
 * own automatic ANALYZE may not run in time, or at all where it is turned off; the same refresh at the end means
 * the first queries after a rebuild are planned for what it wrote.
 */
export const REBUILD_ANALYZE_FIRST = 5_000;

/**
 * How a page is applied: `traced`, each event in the trace that wrote it (a live page whose events carry one,
 * ADR 0029); `page`, through the projection's `applyPage` when it has one (catch-up, rebuild, and live pages
 * nobody traces), else event by event.
 */
export type PageMode = 'traced' | 'page';

/** The mode of a page: traced when the projection is live and one of the events carries its writer's trace. */
export function pageModeOf(live: boolean, events: readonly RecordedEvent[]): PageMode {
  return live && events.some((event) => event.metadata.traceparent) ? 'traced' : 'page';
}

/** Applies a page's events to one projection inside `tx` (the checkpoint is the caller's). */
async function applyEvents(
  tx: SqlQueryable,
  projection: Projection,
  events: readonly RecordedEvent[],
  mode: PageMode,
): Promise<void> {
  if (mode === 'page' && projection.applyPage && events.length > 0) {
    await projection.applyPage(tx, events);
    return;
  }
  for (const event of events) {
    if (mode === 'traced') await applyTraced(projection, tx, event);
    else await projection.apply(tx, event);
  }
}

/**
 * Applies a page of events and moves the checkpoint to `checkedUpTo` in ONE transaction: the page's effects and
 * its checkpoint commit together or not at all, so an event is applied exactly once.
 *
 * If the page fails, nothing of it is kept and the checkpoint stays before it. The events are then applied again
 * one at a time, each in its own transaction with the checkpoint at its own position: those before the failing
 * event are kept, and the failing event fails alone, its error thrown as before (the runner retries from the
 * checkpoint with backoff and says so in its status). A failure that does not happen again (a dropped connection) costs
 * the rest of the page one transaction per event, never a skipped or doubled event.
 *
 * `onCommitted` is told each position once its transaction has committed.
 */
export async function applyPage(
  db: SqlDatabase,
  projection: Projection,
  events: readonly RecordedEvent[],
  checkedUpTo: LogPosition,
  mode: PageMode,
  onCommitted?: (position: LogPosition) => void,
): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      await applyEvents(tx, projection, events, mode);
      await writeCheckpoint(tx, projection.name, checkedUpTo);
    });
  } catch (pageError) {
    if (events.length <= 1) throw pageError;
    await applyOneByOne(db, projection, events, checkedUpTo, mode, onCommitted);
    return;
  }
  onCommitted?.(checkedUpTo);
}

/** A failed page, again, one event per transaction, so that the events before the failing one are kept. */
async function applyOneByOne(
  db: SqlDatabase,
  projection: Projection,
  events: readonly RecordedEvent[],
  checkedUpTo: LogPosition,
  mode: PageMode,
  onCommitted?: (position: LogPosition) => void,
): Promise<void> {
  for (const [index, event] of events.entries()) {
    // The last one also covers what the filter skipped after it.
    const position: LogPosition =
      index === events.length - 1
        ? checkedUpTo
        : { transactionId: event.transactionId, globalPosition: event.globalPosition };
    await db.transaction(async (tx) => {
      if (mode === 'traced') await applyTraced(projection, tx, event);
      else await projection.apply(tx, event);
      await writeCheckpoint(tx, projection.name, position);
    });
    onCommitted?.(position);
  }
}

/**
 * Applies one event; when the event carries the trace of the request that wrote it, in a span of that trace
 * (ADR 0029). Events without one (older events, a rebuild of untraced history) cost no span.
 */
export function applyTraced(
  projection: Pick<Projection, 'name' | 'apply'>,
  tx: SqlQueryable,
  event: RecordedEvent,
  /** The trace to apply it in; default the one the event's metadata names. */
  parent: Context | undefined = traceContextOf(event.metadata),
): Promise<void> {
  if (!parent) return projection.apply(tx, event);
  return inSpan(
    `projection apply ${projection.name}`,
    { [TRACE_ATTRIBUTES.projection]: projection.name, [TRACE_ATTRIBUTES.eventType]: event.type },
    () => projection.apply(tx, event),
    { parent },
  );
}

/** The shared feed: one subscription to the log for every projection that is not on its own. */
interface Feed {
  subscription: Subscription | undefined;
  retryTimer: NodeJS.Timeout | undefined;
  failures: number;
}

/**
 * Feeds the projections of a process from ONE subscription to the log (ADR 0038): each page is read once, and
 * every projection's share of it (the events its filter keeps, after its own checkpoint) is applied in ONE
 * transaction that also moves every projection's checkpoint to the page's end. An event is therefore read once
 * per process, not once per read model, and a page costs one commit however many read models the process keeps.
 * A page behind (a start, a burst) goes through each projection's `applyPage`; a live page too, unless its events
 * carry their writer's trace, which are then applied one at a time in that trace (ADR 0029).
 *
 * One read model's failure holds back no other: when the shared transaction fails, each projection's share is
 * applied again in a transaction of its own (see `applyPage`). Those that succeed move on; one that fails alone
 * leaves the shared feed and runs on a subscription of its own from its checkpoint, retried with backoff, saying so
 * in its status (it stays on its own until the process restarts). If every share fails (the database is away),
 * the shared feed retries them all together with backoff.
 */
export class ProjectionRunner {
  private readonly running = new Map<string, Running>();
  private readonly waiters = new Set<() => void>();
  private readonly feed: Feed = { subscription: undefined, retryTimer: undefined, failures: 0 };
  private stopped = true;

  constructor(
    private readonly store: EventStore,
    private readonly db: SqlDatabase,
    private readonly projections: readonly Projection[],
    private readonly logger?: ProjectionLogger,
    /** Told after each batch a projection commits (live subscriptions wake on it). */
    private readonly onApplied?: (projection: string) => void,
  ) {
    const names = new Set<string>();
    for (const p of projections) {
      if (names.has(p.name)) throw new Error(`two projections are named ${p.name}`);
      names.add(p.name);
    }
  }

  /** Creates the read models' tables (idempotent). */
  async migrate(): Promise<void> {
    await migrate(this.db, CHECKPOINT_SCHEMA, CHECKPOINT_MIGRATIONS);
    for (const p of this.projections) await migrate(this.db, p.schema, p.migrations);
  }

  async start(): Promise<void> {
    await this.migrate();
    this.stopped = false;
    for (const projection of this.projections) {
      const keeps = eventFilterMatcher(projection.filter);
      this.running.set(projection.name, {
        projection,
        keeps: (event) => keeps(event.streamId, event.type),
        shared: true,
        subscription: undefined,
        position: await readCheckpoint(this.db, projection.name),
        state: 'catching_up',
        lastError: undefined,
        retryTimer: undefined,
        failures: 0,
      });
    }
    this.subscribeShared();
  }

  /** The projections the shared feed serves. */
  private members(): Running[] {
    return [...this.running.values()].filter((entry) => entry.shared);
  }

  /** Starts the shared feed from the earliest checkpoint of its members; a member ahead skips what it has. */
  private subscribeShared(): void {
    const members = this.members();
    if (this.stopped || members.length === 0) return;
    const after = members
      .map((entry) => entry.position)
      .reduce((earliest, position) => (compareLogPositions(position, earliest) < 0 ? position : earliest));
    const subscription = this.store.subscribeToAll({
      after,
      filter: unionOfEventFilters(members.map((entry) => entry.projection.filter)),
      batchSize: PAGE_SIZE,
      onEvents: (events, checkedUpTo) => this.applyShared(events, checkedUpTo),
      onCaughtUp: (position) => {
        for (const entry of this.members()) {
          if (compareLogPositions(position, entry.position) > 0) entry.position = position;
          entry.state = 'live';
          entry.lastError = undefined;
        }
        this.feed.failures = 0;
        this.notifyWaiters();
      },
    });
    this.feed.subscription = subscription;
    subscription.done.catch((error: unknown) => {
      if (this.stopped) return;
      this.feed.failures += 1;
      const lastError = error instanceof Error ? error.message : String(error);
      for (const entry of this.members()) {
        entry.state = 'failing';
        entry.lastError = lastError;
      }
      const delay = retryDelayMs(this.feed.failures);
      this.logger?.error('projections failed; retrying from their checkpoints', {
        projections: this.members().map((entry) => entry.projection.name),
        error: lastError,
        retryInMs: delay,
      });
      this.feed.retryTimer = setTimeout(() => {
        this.subscribeShared();
      }, delay);
    });
  }

  /** A page of the shared feed: every member's share and every member's checkpoint in one transaction. */
  private async applyShared(events: readonly RecordedEvent[], checkedUpTo: LogPosition): Promise<void> {
    const shares = this.members()
      .filter((entry) => compareLogPositions(entry.position, checkedUpTo) < 0)
      .map((entry) => {
        const own = events.filter((event) => compareLogPositions(event, entry.position) > 0 && entry.keeps(event));
        return { entry, events: own, mode: pageModeOf(entry.state === 'live', own) };
      });
    if (shares.length === 0) return;
    try {
      await this.db.transaction(async (tx) => {
        for (const share of shares) {
          if (share.events.length > 0) await applyEvents(tx, share.entry.projection, share.events, share.mode);
        }
        await writeCheckpoints(
          tx,
          shares.map((share) => share.entry.projection.name),
          checkedUpTo,
        );
      });
    } catch (sharedError) {
      await this.applySharesAlone(shares, checkedUpTo, sharedError);
      return;
    }
    for (const share of shares) {
      share.entry.position = checkedUpTo;
      this.recovered(share.entry);
    }
    for (const share of shares) if (share.events.length > 0) this.onApplied?.(share.entry.projection.name);
    this.notifyWaiters();
  }

  /**
   * The shared transaction failed: each share again in a transaction of its own, so that one read model's failure
   * holds back no other. A share that fails leaves the feed for a subscription of its own; if all fail, the feed
   * fails (and retries them together).
   */
  private async applySharesAlone(
    shares: readonly { entry: Running; events: readonly RecordedEvent[]; mode: PageMode }[],
    checkedUpTo: LogPosition,
    sharedError: unknown,
  ): Promise<void> {
    // One share of one event: the shared transaction was all there is to try.
    if (shares.length === 1 && (shares[0]?.events.length ?? 0) <= 1) throw sharedError;
    const failed: { entry: Running; error: unknown }[] = [];
    for (const { entry, events, mode } of shares) {
      const progress = { committed: false };
      const onCommitted = (position: LogPosition): void => {
        entry.position = position;
        progress.committed = true;
        this.notifyWaiters();
      };
      try {
        // Alone, the shared transaction was this share's page: straight to one event per transaction.
        if (shares.length === 1 && events.length > 1) {
          await applyOneByOne(this.db, entry.projection, events, checkedUpTo, mode, onCommitted);
        } else {
          await applyPage(this.db, entry.projection, events, checkedUpTo, mode, onCommitted);
        }
        this.recovered(entry);
      } catch (error) {
        failed.push({ entry, error });
      } finally {
        if (progress.committed && events.length > 0) this.onApplied?.(entry.projection.name);
      }
    }
    if (failed.length === shares.length) throw sharedError;
    for (const { entry, error } of failed) this.leaveFeed(entry, error);
    this.notifyWaiters();
  }

  private recovered(entry: Running): void {
    entry.failures = 0;
    if (entry.state === 'failing') entry.state = 'catching_up';
  }

  /** A projection that failed alone: on a subscription of its own from its checkpoint, after a backoff. */
  private leaveFeed(entry: Running, error: unknown): void {
    entry.shared = false;
    this.failed(entry, error, 'projection failed; retrying from its checkpoint on its own subscription');
  }

  private failed(entry: Running, error: unknown, message: string): void {
    entry.failures += 1;
    entry.state = 'failing';
    entry.lastError = error instanceof Error ? error.message : String(error);
    const delay = retryDelayMs(entry.failures);
    this.logger?.error(message, { projection: entry.projection.name, error: entry.lastError, retryInMs: delay });
    entry.retryTimer = setTimeout(() => {
      void readCheckpoint(this.db, entry.projection.name).then(
        (position) => {
          entry.position = position;
          this.subscribeAlone(entry);
        },
        () => {
          this.subscribeAlone(entry);
        },
      );
    }, delay);
  }

  /** A projection that left the shared feed, on its own subscription. */
  private subscribeAlone(entry: Running): void {
    if (this.stopped) return;
    const { projection } = entry;
    entry.subscription = this.store.subscribeToAll({
      after: entry.position,
      filter: projection.filter,
      batchSize: PAGE_SIZE,
      onEvents: async (events, checkedUpTo) => {
        const progress = { committed: false };
        try {
          await applyPage(
            this.db,
            projection,
            events,
            checkedUpTo,
            pageModeOf(entry.state === 'live', events),
            (position) => {
              entry.position = position;
              progress.committed = true;
              // The events before a failing one, kept one at a time: whoever waits for them need not wait longer.
              if (compareLogPositions(position, checkedUpTo) < 0) this.notifyWaiters();
            },
          );
        } finally {
          if (progress.committed) this.onApplied?.(projection.name);
        }
        this.recovered(entry);
        this.notifyWaiters();
      },
      onCaughtUp: (position) => {
        entry.position = position;
        entry.state = 'live';
        entry.lastError = undefined;
        this.notifyWaiters();
      },
    });
    entry.subscription.done.catch((error: unknown) => {
      if (this.stopped) return;
      this.failed(entry, error, 'projection failed; retrying from its checkpoint');
    });
  }

  status(): ProjectionStatus[] {
    return [...this.running.values()].map((r) => ({
      name: r.projection.name,
      position: r.position,
      state: r.state,
      lastError: r.lastError,
    }));
  }

  /**
   * Resolves once every projection has caught up to `position` (read-your-writes after a command),
   * or after `timeoutMs`; returns whether it caught up.
   */
  async waitFor(position: LogPosition, timeoutMs: number): Promise<boolean> {
    const reached = (): boolean =>
      [...this.running.values()]
        .filter((r) => r.projection.readYourWrites !== false)
        .every((r) => compareLogPositions(r.position, position) >= 0);
    if (reached()) return true;
    return new Promise<boolean>((resolve) => {
      const check = (): void => {
        if (!reached()) return;
        cleanup();
        resolve(true);
      };
      const timer = setTimeout(() => {
        cleanup();
        resolve(false);
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
    });
  }

  private notifyWaiters(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.feed.retryTimer);
    await this.feed.subscription?.stop();
    for (const entry of this.running.values()) {
      clearTimeout(entry.retryTimer);
      await entry.subscription?.stop();
      entry.state = 'stopped';
    }
  }

  /**
   * Empties a read model and replays the whole log into it. Run while the projection is stopped
   * (the command-line tool runs it with the platform down).
   */
  async rebuild(name: string, onProgress?: (progress: RebuildProgress) => void): Promise<number> {
    const projection = this.projections.find((p) => p.name === name);
    if (!projection) throw new Error(`no projection named ${name}; known: ${this.names().join(', ')}`);
    await this.migrate();
    await this.db.transaction(async (tx) => {
      await projection.reset(tx);
      await deleteCheckpoint(tx, projection.name);
    });
    const head = await this.store.headPosition();
    let position = LOG_START;
    let processed = 0;
    let analyzeAt = REBUILD_ANALYZE_FIRST;
    onProgress?.({ processed, position, head });
    const read = (after: LogPosition): Promise<ReadAllResult> => {
      const reading = this.store.readAll({ after, maxCount: REBUILD_PAGE_SIZE, filter: projection.filter });
      // Awaited below; until then a failed read must not count as unhandled.
      reading.catch(() => undefined);
      return reading;
    };
    let next = read(position);
    for (;;) {
      const page = await next;
      const last = page.events.length === 0 || compareLogPositions(page.checkedUpTo, head) >= 0;
      // The next page is read while this one is applied: a rebuild takes the longer of the two, not their sum.
      if (!last) next = read(page.checkedUpTo);
      if (page.events.length > 0) await applyPage(this.db, projection, page.events, page.checkedUpTo, 'page');
      // The log read past the last event it keeps (or it keeps none) is done too: the checkpoint says so, or the
      // next start would read all of it again to find nothing.
      else if (last && compareLogPositions(page.checkedUpTo, LOG_START) > 0) {
        await writeCheckpoint(this.db, projection.name, page.checkedUpTo);
      }
      processed += page.events.length;
      position = page.checkedUpTo;
      if (last || processed >= analyzeAt) {
        await analyzeReadModel(this.db, projection.schema);
        analyzeAt = Math.max(analyzeAt, processed) * 2;
      }
      onProgress?.({ processed, position, head });
      if (last) break;
    }
    return processed;
  }

  names(): string[] {
    return this.projections.map((p) => p.name);
  }
}

/** Fresh planner statistics for every table of a read model's schema (ANALYZE reads a sample of each, not all). */
async function analyzeReadModel(db: SqlDatabase, schema: string): Promise<void> {
  const tables = await db.query<{ name: string }>(
    `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_catalog.pg_tables WHERE schemaname = $1
     ORDER BY tablename`,
    [schema],
  );
  if (tables.length > 0) await db.query(`ANALYZE ${tables.map((t) => t.name).join(', ')}`);
}

/** Backoff after the n-th failure in a row: 0.5 s doubling up to 30 s. */
function retryDelayMs(failures: number): number {
  return Math.min(30_000, 250 * 2 ** Math.min(failures, 7));
}
