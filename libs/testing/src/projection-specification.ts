import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Actor, type RecordedEvent } from '@pamoja/contracts';
import {
  assertIdentifier,
  CHECKPOINT_MIGRATIONS,
  CHECKPOINT_SCHEMA,
  migrate,
  PgliteDatabase,
  PostgresDatabase,
  type EventFilter,
  type Projection,
  type SqlDatabase,
} from '@pamoja/event-store';
import { DEFAULT_CATALOGUE, type IntegrationEventCatalogue } from '@pamoja/messaging';
import { sharedProjectionOfLog } from '@pamoja/platform/messaging';
import { createTemporaryDatabase } from './postgres.js';

/** Who acts when an event description names nobody: an officer of a police station. */
export const SPEC_ACTOR: Actor = Object.freeze({
  userId: 'officer-1',
  agencyId: 'pnc-masisi',
  agencyType: 'police',
  roles: Object.freeze(['officer']),
});

/** When the first event of a specification is recorded, if it says nothing; each next one a minute later. */
export const SPEC_CLOCK_START = '2026-03-01T08:00:00.000Z';

/**
 * A domain event as a specification describes it: what the decider decided (type, data), the stream it
 * went to, and the envelope's metadata. Positions, revisions and ids are filled in log order.
 */
export interface ProjectionEvent<TType extends string = string, TData = unknown> {
  readonly type: TType;
  readonly data: TData;
  readonly streamId: string;
  /** Default 1. */
  readonly schemaVersion?: number;
  /** Default SPEC_ACTOR. */
  readonly actor?: Actor;
  /** Default null. */
  readonly jointCaseId?: string | null;
  /** When the actor acted; default the instant the event is recorded. */
  readonly occurredAt?: string;
  /** When the log recorded it; default `occurredAt`, or a minute after the previous event. */
  readonly recordedAt?: string;
  /** Default an id derived from the event's position. */
  readonly eventId?: string;
  /** Recorded in the same transaction as the previous event (one command's events, or a batch). */
  readonly sameTransaction?: boolean;
}

/** What `then` is given besides the read model. */
export interface ProjectionSpecContext {
  /** The database holding the read model (to read a table no adapter reads). */
  readonly db: SqlDatabase;
  /** Every event of the specification as the log recorded it, given then when, filtered out ones included. */
  readonly events: readonly RecordedEvent[];
}

export type ProjectionAssertion<TReadModel> = (readModel: TReadModel, context: ProjectionSpecContext) => Promise<void>;

export interface ProjectionThen<TReadModel> {
  /**
   * Applies the given events, then the when events (in a second transaction), one at a time as a live
   * projection does, and runs `assert`. Then checks that delivering every event again changes no row, and that a
   * reset followed by a replay of the whole log as one page (a rebuild: `applyPage` where the projection has
   * one) gives the same rows; for a projection with `applyPage`, also that a page delivered again, and a page
   * that starts with events already applied, change nothing. `assert` runs again after each.
   */
  then(assert: ProjectionAssertion<TReadModel>): Promise<void>;
}

export interface ProjectionWhen<TReadModel> {
  when(...events: readonly (ProjectionEvent | RecordedEvent)[]): ProjectionThen<TReadModel>;
}

export interface ProjectionGiven<TReadModel> {
  given(...events: readonly (ProjectionEvent | RecordedEvent)[]): ProjectionWhen<TReadModel>;
  /** Closes the database (done after all tests of the file when `for` was called at the top of a file or describe). */
  close(): Promise<void>;
}

export interface ProjectionSpecOptions<TReadModel> {
  /**
   * The context's own read-model adapter over the database, so assertions are about what users see. It is
   * also given the recorded events, for an adapter that reads some fields back from the log.
   */
  readonly readModel?: (db: SqlDatabase, events: readonly RecordedEvent[]) => TReadModel;
  /** Projections whose tables this one reads: migrated, and fed the same events (each through its own filter). */
  readonly alongside?: readonly Projection[];
  /**
   * Columns whose values legitimately differ after a rebuild (a wall-clock instant). Serial and identity
   * columns are left out of the comparison by themselves.
   */
  readonly ignoreColumns?: readonly string[];
  /**
   * What the read model's tables hold before the first event that the log does not make (e.g. a data key
   * the store created): run after the migrations, before the given events.
   */
  readonly seed?: (db: SqlDatabase) => Promise<void>;
}

function isRecorded(event: ProjectionEvent | RecordedEvent): event is RecordedEvent {
  return 'globalPosition' in event && 'transactionId' in event;
}

/** The runner reads only what the filter lets through: the same rule as the store's SQL. */
export function passesFilter(filter: EventFilter, event: RecordedEvent): boolean {
  const prefixes = filter.streamPrefixes ?? [];
  if (prefixes.length > 0 && !prefixes.some((prefix) => event.streamId.startsWith(prefix))) return false;
  const types = filter.eventTypes ?? [];
  return types.length === 0 || types.includes(event.type);
}

/**
 * Records described events in log order as the store would: global positions from 1, one transaction each
 * unless `sameTransaction`, revisions counted per stream, recorded a minute apart unless told.
 * Events already recorded keep their envelope and only advance the count.
 */
export function recordEvents(events: readonly (ProjectionEvent | RecordedEvent)[]): RecordedEvent[] {
  const revisions = new Map<string, number>();
  let clock = Date.parse(SPEC_CLOCK_START) - 60_000;
  let transactionId = 100;
  return events.map((event, index) => {
    const globalPosition = index + 1;
    const revision = (revisions.get(event.streamId) ?? -1) + 1;
    revisions.set(event.streamId, revision);
    if (isRecorded(event)) {
      clock = event.recordedAt.getTime();
      transactionId = event.transactionId;
      return event;
    }
    const recordedAt = event.recordedAt ?? event.occurredAt;
    clock = recordedAt === undefined ? clock + 60_000 : Date.parse(recordedAt);
    if (!(event.sameTransaction === true && index > 0)) transactionId += 1;
    return {
      eventId: event.eventId ?? `00000000-0000-4000-8000-${String(globalPosition).padStart(12, '0')}`,
      type: event.type,
      schemaVersion: event.schemaVersion ?? 1,
      streamId: event.streamId,
      streamRevision: revision,
      transactionId,
      globalPosition,
      recordedAt: new Date(clock),
      data: event.data,
      metadata: {
        actor: event.actor ?? SPEC_ACTOR,
        correlationId: '11111111-2222-4333-8444-555555555555',
        causationId: null,
        jointCaseId: event.jointCaseId ?? null,
        occurredAt: event.occurredAt ?? new Date(clock).toISOString(),
      },
    };
  });
}

/**
 * A read model built from other agencies' events, as embedded mode runs it: fed the events as the log
 * records them, it sees each as the catalogue shares it (withheld events and personal fields never reach it).
 */
export function sharedFromLog(
  projection: Projection,
  catalogue: IntegrationEventCatalogue = DEFAULT_CATALOGUE,
): Projection {
  return sharedProjectionOfLog(projection, catalogue);
}

type Snapshot = Record<string, string[]>;

/** Every row of every table of the schemas, as sorted JSON, without serial, identity or ignored columns. */
async function snapshot(db: SqlDatabase, schemas: readonly string[], ignored: ReadonlySet<string>): Promise<Snapshot> {
  const out: Snapshot = {};
  for (const schema of schemas) {
    const columns = await db.query<{ table_name: string; column_name: string; generated: boolean }>(
      `SELECT c.table_name, c.column_name,
              (c.is_identity = 'YES' OR coalesce(c.column_default, '') LIKE 'nextval(%') AS generated
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
       WHERE c.table_schema = $1 AND t.table_type = 'BASE TABLE' AND c.table_name <> 'schema_migrations'
       ORDER BY c.table_name, c.ordinal_position`,
      [schema],
    );
    const byTable = new Map<string, string[]>();
    for (const c of columns) {
      const kept = byTable.get(c.table_name) ?? [];
      if (!c.generated && !ignored.has(c.column_name)) kept.push(`"${c.column_name}"`);
      byTable.set(c.table_name, kept);
    }
    for (const [table, kept] of byTable) {
      if (kept.length === 0) continue;
      const rows = await db.query<{ row: string }>(
        `SELECT row_to_json(x)::text AS row FROM (SELECT ${kept.join(', ')} FROM ${schema}."${table}") x ORDER BY 1`,
      );
      out[`${schema}.${table}`] = rows.map((r) => r.row);
    }
  }
  return out;
}

/**
 * Given/When/Then for a projection (after Emmett's projection specifications): the events are applied to
 * the projection's tables in an in-process PostgreSQL, through its filter as the runner would, and `then`
 * asks the read model. Every `then` also checks two properties of the projection: delivering the same
 * events again changes nothing, and `reset` followed by a replay of them as one page gives the same rows (a
 * rebuild gives what live application gave; for a projection with `applyPage`, through it).
 *
 *     const spec = ProjectionSpecification.for(prosecutionsProjection, {
 *       readModel: (db) => new SqlProsecutionReadModel(db),
 *     });
 *     it('...', () => spec.given(received).when(scheduled).then(async (prosecutions) => { ... }));
 *
 * Call `for` at the top of the file or of a `describe` block: it closes its database after all tests.
 * `await` or return `then(...)`, never the result of `when(...)` itself (an object with a `then` method
 * is a thenable, and the promise machinery would call it with the wrong arguments).
 */
export const ProjectionSpecification = {
  for<TReadModel = SqlDatabase>(
    projection: Projection,
    options: ProjectionSpecOptions<TReadModel> = {},
  ): ProjectionGiven<TReadModel> {
    const projections = [...(options.alongside ?? []), projection];
    const schemas = [...new Set(projections.map((p) => assertIdentifier(p.schema)))];
    const ignored = new Set(options.ignoreColumns ?? []);
    let opened: Promise<PgliteDatabase> | undefined;

    const open = async (): Promise<PgliteDatabase> => {
      opened ??= PgliteDatabase.open().then(async (db) => {
        await migrate(db, CHECKPOINT_SCHEMA, CHECKPOINT_MIGRATIONS);
        return db;
      });
      const db = await opened;
      // Each specification starts from empty tables, whatever the one before left.
      for (const schema of schemas) await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      for (const p of projections) await migrate(db, p.schema, p.migrations);
      await options.seed?.(db);
      return db;
    };

    // One event at a time, as a live projection applies them.
    const apply = (db: SqlDatabase, events: readonly RecordedEvent[]): Promise<void> =>
      db.transaction(async (tx) => {
        for (const event of events) {
          for (const p of projections) if (passesFilter(p.filter, event)) await p.apply(tx, event);
        }
      });

    // As one page, as the runner applies them when behind (catch-up, rebuild): `applyPage` where a projection
    // has one. Each projection is fed from its own subscription, so each gets its page in turn.
    const applyAsPage = (db: SqlDatabase, events: readonly RecordedEvent[]): Promise<void> =>
      db.transaction(async (tx) => {
        for (const p of projections) {
          const page = events.filter((event) => passesFilter(p.filter, event));
          if (page.length === 0) continue;
          if (p.applyPage) await p.applyPage(tx, page);
          else for (const event of page) await p.apply(tx, event);
        }
      });
    const paged = projections.some((p) => p.applyPage !== undefined);

    const close = async (): Promise<void> => {
      if (opened) await (await opened).close();
      opened = undefined;
    };
    afterAll(close);

    const readModelOf = (db: SqlDatabase, events: readonly RecordedEvent[]): TReadModel =>
      options.readModel ? options.readModel(db, events) : (db as unknown as TReadModel);

    return {
      close,
      given: (...given) => ({
        when: (...when) => ({
          then: async (assert) => {
            const db = await open();
            const events = recordEvents([...given, ...when]);
            const context: ProjectionSpecContext = { db, events };
            await apply(db, events.slice(0, given.length));
            await apply(db, events.slice(given.length));
            await assert(readModelOf(db, events), context);
            const answered = await snapshot(db, schemas, ignored);

            // Delivered again (a retried batch, a subscription resumed before its checkpoint).
            await apply(db, events);
            expect({ after: 'every event delivered again', rows: await snapshot(db, schemas, ignored) }).toEqual({
              after: 'every event delivered again',
              rows: answered,
            });
            await assert(readModelOf(db, events), context);

            const reset = (): Promise<void> =>
              db.transaction(async (tx) => {
                for (const p of projections) await p.reset(tx);
              });
            if (paged) {
              // Delivered again as a page, then caught up in one page from after the given events (a page
              // that starts with events already applied, as after a retry).
              await applyAsPage(db, events);
              expect({
                after: 'every event delivered again as a page',
                rows: await snapshot(db, schemas, ignored),
              }).toEqual({ after: 'every event delivered again as a page', rows: answered });
              await reset();
              await apply(db, events.slice(0, given.length));
              await applyAsPage(db, events);
              expect({ after: 'caught up in one page', rows: await snapshot(db, schemas, ignored) }).toEqual({
                after: 'caught up in one page',
                rows: answered,
              });
              await assert(readModelOf(db, events), context);
            }

            // Rebuilt: emptied, then the whole log replayed in one page, as a rebuild does.
            await reset();
            await applyAsPage(db, events);
            expect({ after: 'reset and replay', rows: await snapshot(db, schemas, ignored) }).toEqual({
              after: 'reset and replay',
              rows: answered,
            });
            await assert(readModelOf(db, events), context);
          },
        }),
      }),
    };
  },
};

export interface PageSweepOptions {
  /**
   * The log, in order. To be worth sweeping it holds every kind of event the projection keeps, several keys
   * interleaved, several events of one kind and key in a row, and an event whose row is not there to change.
   */
  readonly log: readonly RecordedEvent[];
  /** The read model's tables compared, each read as `SELECT * … ORDER BY` `orderBy`. */
  readonly tables: readonly string[];
  /** Columns (by position) that order the rows of every table; default `1, 2`. */
  readonly orderBy?: string;
  /**
   * The events of a page delivered late as the store reads them once the log is written up to `end` (exclusive),
   * e.g. personal data erased in between reads as null. Default: as recorded.
   */
  readonly readAfter?: (events: readonly RecordedEvent[], end: number) => readonly RecordedEvent[];
  /** Checks on the rows one event at a time leaves, before they are compared (that the log reaches them). */
  readonly live?: (rows: Readonly<Record<string, unknown[]>>) => void;
}

/**
 * A page applied in a few statements (ADR 0036) leaves the rows one event at a time leaves, on PostgreSQL (a
 * temporary database): declares a `describe` block whose test applies the log one event at a time, then, for
 * every page size, resets the read model and applies the log a page at a time, each page delivered again from
 * one event before its start (a retry) and the page before it delivered again late, and compares every table's
 * rows with those of one event at a time. Call it at the top of an `.int.spec.ts` file.
 */
export function pageSweepOnPostgres(projection: Projection, options: PageSweepOptions): void {
  const { log, tables } = options;
  const orderBy = options.orderBy ?? '1, 2';
  const schema = assertIdentifier(projection.schema);
  for (const table of tables) assertIdentifier(table);

  describe(`${projection.name}, a page at a time on PostgreSQL`, () => {
    let temporary: Awaited<ReturnType<typeof createTemporaryDatabase>>;
    let db: PostgresDatabase;

    const rows = async (): Promise<Record<string, unknown[]>> => {
      const all: Record<string, unknown[]> = {};
      for (const table of tables) all[table] = await db.query(`SELECT * FROM ${schema}.${table} ORDER BY ${orderBy}`);
      return all;
    };

    beforeAll(async () => {
      temporary = await createTemporaryDatabase(`${projection.name.replace(/[^a-z0-9]+/g, '_')}_pages`);
      db = new PostgresDatabase({ connectionString: temporary.url, applicationName: `${projection.name} pages spec` });
      await migrate(db, projection.schema, projection.migrations);
    });
    afterAll(async () => {
      await db.close();
      await temporary.drop();
    });

    it('leaves the rows of one event at a time, for pages of every size and pages delivered again or late', async () => {
      const { applyPage } = projection;
      if (!applyPage) throw new Error(`${projection.name} has no applyPage`);
      for (const event of log) await db.transaction((tx) => projection.apply(tx, event));
      const live = await rows();
      options.live?.(live);

      for (let size = 1; size <= log.length; size++) {
        await db.transaction((tx) => projection.reset(tx));
        for (let start = 0; start < log.length; start += size) {
          await db.transaction((tx) => applyPage(tx, log.slice(start, start + size)));
          await db.transaction((tx) => applyPage(tx, log.slice(Math.max(0, start - 1), start + size)));
          const late = log.slice(Math.max(0, start - size), start);
          await db.transaction((tx) => applyPage(tx, options.readAfter?.(late, start + size) ?? late));
        }
        expect({ size, rows: await rows() }).toEqual({ size, rows: live });
      }
    });
  });
}
