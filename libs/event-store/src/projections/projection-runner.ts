import { compareLogPositions, LOG_START, type LogPosition, type RecordedEvent } from '@pamoja/contracts';
import { type EventStore, type Subscription } from '../event-store.port.js';
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

async function applyBatch(
  db: SqlDatabase,
  projection: Projection,
  events: readonly RecordedEvent[],
  checkedUpTo: LogPosition,
  /** Live events continue their writers' traces; a rebuild replays history and adds nothing to old traces. */
  traced: boolean,
): Promise<void> {
  await db.transaction(async (tx) => {
    for (const event of events) {
      if (traced) await applyTraced(projection, tx, event);
      else await projection.apply(tx, event);
    }
    await writeCheckpoint(tx, projection.name, checkedUpTo);
  });
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

/**
 * Feeds each projection from its own subscription, starting at its stored checkpoint. A batch that
 * fails rolls back whole and is retried with backoff: the projection stops advancing (and says so in
 * its status) rather than skipping an event.
 */
export class ProjectionRunner {
  private readonly running = new Map<string, Running>();
  private readonly waiters = new Set<() => void>();
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
      const entry: Running = {
        projection,
        subscription: undefined,
        position: await readCheckpoint(this.db, projection.name),
        state: 'catching_up',
        lastError: undefined,
        retryTimer: undefined,
        failures: 0,
      };
      this.running.set(projection.name, entry);
      this.subscribe(entry);
    }
  }

  private subscribe(entry: Running): void {
    if (this.stopped) return;
    const { projection } = entry;
    entry.subscription = this.store.subscribeToAll({
      after: entry.position,
      filter: projection.filter,
      onEvents: async (events, checkedUpTo) => {
        await applyBatch(this.db, projection, events, checkedUpTo, true);
        entry.position = checkedUpTo;
        entry.failures = 0;
        if (entry.state === 'failing') entry.state = 'catching_up';
        this.notifyWaiters();
        if (events.length > 0) this.onApplied?.(projection.name);
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
      entry.failures += 1;
      entry.state = 'failing';
      entry.lastError = error instanceof Error ? error.message : String(error);
      const delay = Math.min(30_000, 250 * 2 ** Math.min(entry.failures, 7));
      this.logger?.error('projection failed; retrying from its checkpoint', {
        projection: projection.name,
        error: entry.lastError,
        retryInMs: delay,
      });
      entry.retryTimer = setTimeout(() => {
        void readCheckpoint(this.db, projection.name).then(
          (position) => {
            entry.position = position;
            this.subscribe(entry);
          },
          () => {
            this.subscribe(entry);
          },
        );
      }, delay);
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
    onProgress?.({ processed, position, head });
    for (;;) {
      const page = await this.store.readAll({ after: position, maxCount: 1000, filter: projection.filter });
      if (page.events.length > 0) await applyBatch(this.db, projection, page.events, page.checkedUpTo, false);
      processed += page.events.length;
      position = page.checkedUpTo;
      onProgress?.({ processed, position, head });
      if (page.events.length === 0 || compareLogPositions(position, head) >= 0) break;
    }
    return processed;
  }

  names(): string[] {
    return this.projections.map((p) => p.name);
  }
}
