import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { compareLogPositions, LOG_START, type LogPosition, type NewEvent, type RecordedEvent } from '@pamoja/contracts';
import { ANY } from '../event-store.port.js';
import { PgliteDatabase } from '../sql/pglite-database.js';
import { type SqlQueryable } from '../sql/sql-database.js';
import { SqlEventStore } from '../sql/sql-event-store.js';
import { readCheckpoint } from './checkpoints.js';
import { type Projection } from './projection.js';
import { PAGE_SIZE, ProjectionRunner, REBUILD_ANALYZE_FIRST, REBUILD_PAGE_SIZE } from './projection-runner.js';

const metadata = {
  actor: { userId: 'u1', agencyId: 'ngo-1', agencyType: 'first_responder' as const, roles: ['field_worker'] },
  correlationId: randomUUID(),
  causationId: null,
  jointCaseId: null,
  occurredAt: '2026-01-01T00:00:00.000Z',
};

function event(type: string): NewEvent {
  return { eventId: randomUUID(), type, schemaVersion: 1, data: {}, metadata };
}

/** Counts events per stream; fails on demand to show that a failed batch leaves nothing behind. */
function countingProjection(failOn: { remaining: number; type: string }): Projection {
  return {
    name: 'test.counts',
    schema: 'test_read',
    filter: { streamPrefixes: ['counted-'] },
    migrations: [
      {
        version: 1,
        name: 'counts',
        up: (s) => `CREATE TABLE ${s}.counts (stream_id text PRIMARY KEY, n integer NOT NULL);`,
      },
    ],
    async reset(tx: SqlQueryable) {
      await tx.query('TRUNCATE test_read.counts');
    },
    async apply(tx: SqlQueryable, e: RecordedEvent) {
      await tx.query(
        `INSERT INTO test_read.counts VALUES ($1, 1) ON CONFLICT (stream_id) DO UPDATE SET n = counts.n + 1`,
        [e.streamId],
      );
      if (e.type === failOn.type && failOn.remaining > 0) {
        failOn.remaining -= 1;
        throw new Error('poison');
      }
    },
  };
}

/** What a transaction saw when it applied its first event: the rows so far and the stored checkpoint. */
interface Seen {
  readonly type: string;
  readonly rows: number;
  readonly checkpoint: LogPosition;
}

/**
 * Counts events per stream, through `applyPage` when behind; `Poison` always fails. Records what each
 * transaction saw when it started, and which way each event came.
 */
function pagedProjection(log: { seen: Seen[]; pages: number[]; single: string[] }): Projection {
  const base = countingProjection({ remaining: 0, type: 'never' });
  const look = async (tx: SqlQueryable, type: string): Promise<void> => {
    const rows = await tx.query<{ n: number }>('SELECT coalesce(sum(n), 0)::int AS n FROM test_read.counts');
    log.seen.push({ type, rows: rows[0]?.n ?? 0, checkpoint: await readCheckpoint(tx, 'test.counts') });
  };
  const count = async (tx: SqlQueryable, e: RecordedEvent): Promise<void> => {
    await base.apply(tx, e);
    if (e.type === 'Poison') throw new Error('poison');
  };
  return {
    ...base,
    async apply(tx, e) {
      await look(tx, e.type);
      log.single.push(e.type);
      await count(tx, e);
    },
    async applyPage(tx, events) {
      await look(tx, events[0]?.type ?? '');
      log.pages.push(events.length);
      for (const e of events) await count(tx, e);
    },
  };
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function positionOf(e: RecordedEvent): LogPosition {
  return { transactionId: e.transactionId, globalPosition: e.globalPosition };
}

async function counts(db: PgliteDatabase): Promise<Record<string, number>> {
  const rows = await db.query<{ stream_id: string; n: number }>('SELECT stream_id, n FROM test_read.counts');
  return Object.fromEntries(rows.map((r) => [r.stream_id, r.n]));
}

describe('projection runner', () => {
  let db: PgliteDatabase;
  let store: SqlEventStore;

  beforeEach(async () => {
    db = await PgliteDatabase.open();
    store = await SqlEventStore.open(db, { pollIntervalMs: 50 });
  });

  afterEach(async () => {
    await store.close();
    await db.close();
  });

  it('applies each event once, across restarts, with its checkpoint in the same transaction', async () => {
    const failOn = { remaining: 0, type: 'never' };
    await store.appendToStream('counted-a', [event('A'), event('A')], { expectedRevision: ANY });
    await store.appendToStream('ignored-b', [event('B')], { expectedRevision: ANY });

    const first = new ProjectionRunner(store, db, [countingProjection(failOn)]);
    await first.start();
    const head = await store.headPosition();
    expect(await first.waitFor(head, 5000)).toBe(true);
    await first.stop();
    expect(await counts(db)).toEqual({ 'counted-a': 2 });

    await store.appendToStream('counted-a', [event('A')], { expectedRevision: ANY });
    const second = new ProjectionRunner(store, db, [countingProjection(failOn)]);
    await second.start();
    expect(await second.waitFor(await store.headPosition(), 5000)).toBe(true);
    await second.stop();
    expect(await counts(db)).toEqual({ 'counted-a': 3 });
  });

  it('rolls a failing batch back whole and retries it from the checkpoint without skipping', async () => {
    const failOn = { remaining: 2, type: 'Poison' };
    const runner = new ProjectionRunner(store, db, [countingProjection(failOn)]);
    await store.appendToStream('counted-x', [event('A'), event('Poison'), event('A')], { expectedRevision: ANY });
    await runner.start();
    expect(await runner.waitFor(await store.headPosition(), 10_000)).toBe(true);
    expect(failOn.remaining).toBe(0);
    await until(() => runner.status()[0]?.state === 'live');
    expect(runner.status()[0]).toMatchObject({ name: 'test.counts', state: 'live', lastError: undefined });
    await runner.stop();
    expect(await counts(db)).toEqual({ 'counted-x': 3 });
  });

  it('rebuilds from position 0 to the same rows, reporting progress', async () => {
    const failOn = { remaining: 0, type: 'never' };
    for (let i = 0; i < 30; i++) {
      await store.appendToStream(`counted-${i % 3}`, [event('A')], { expectedRevision: ANY });
    }
    const runner = new ProjectionRunner(store, db, [countingProjection(failOn)]);
    await runner.start();
    await runner.waitFor(await store.headPosition(), 5000);
    await runner.stop();
    const live = await counts(db);

    const seen: number[] = [];
    const processed = await runner.rebuild('test.counts', (p) => seen.push(p.processed));
    expect(processed).toBe(30);
    expect(seen.at(-1)).toBe(30);
    expect(await counts(db)).toEqual(live);
    await expect(runner.rebuild('no.such')).rejects.toThrow(/no projection named no.such/);
  });
  it('applies a page behind in one transaction and one checkpoint, live pages too, and traced live events one at a time', async () => {
    const log = { seen: [] as Seen[], pages: [] as number[], single: [] as string[] };
    for (let i = 0; i < 12; i++)
      await store.appendToStream(`counted-${i % 3}`, [event('A')], { expectedRevision: ANY });
    const runner = new ProjectionRunner(store, db, [pagedProjection(log)]);
    await runner.start();
    expect(await runner.waitFor(await store.headPosition(), 5000)).toBe(true);
    expect(log.pages).toEqual([12]);
    expect(log.single).toEqual([]);
    expect(await readCheckpoint(db, 'test.counts')).toEqual(await store.headPosition());

    await until(() => runner.status()[0]?.state === 'live');
    // Live, untraced: a page as well.
    await store.appendToStream('counted-0', [event('B'), event('B')], { expectedRevision: ANY });
    expect(await runner.waitFor(await store.headPosition(), 5000)).toBe(true);
    expect(log.pages).toEqual([12, 2]);
    expect(log.single).toEqual([]);
    // Live, in its writer's trace: one event at a time, each in that trace (ADR 0029).
    const traced = {
      ...event('C'),
      metadata: { ...metadata, traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01` },
    };
    await store.appendToStream('counted-1', [traced], { expectedRevision: ANY });
    expect(await runner.waitFor(await store.headPosition(), 5000)).toBe(true);
    expect(log.single).toEqual(['C']);
    expect(await readCheckpoint(db, 'test.counts')).toEqual(await store.headPosition());
    await runner.stop();
    expect(await counts(db)).toEqual({ 'counted-0': 6, 'counted-1': 5, 'counted-2': 4 });
  });

  it('rolls back a page whose third event fails, then keeps the two before it and stops at the failing one', async () => {
    const log = { seen: [] as Seen[], pages: [] as number[], single: [] as string[] };
    await store.appendToStream('counted-x', [event('A')], { expectedRevision: ANY });
    const first = new ProjectionRunner(store, db, [pagedProjection(log)]);
    await first.start();
    expect(await first.waitFor(await store.headPosition(), 5000)).toBe(true);
    await first.stop();
    const beforePage = await readCheckpoint(db, 'test.counts');

    // Behind by one page: A, A, Poison, A.
    await store.appendToStream('counted-x', [event('A'), event('A'), event('Poison'), event('A')], {
      expectedRevision: ANY,
    });
    const page = (await store.readAll({ after: beforePage })).events;
    log.seen.length = 0;
    log.pages.length = 0;
    log.single.length = 0;
    const runner = new ProjectionRunner(store, db, [pagedProjection(log)]);
    await runner.start();
    await until(() => runner.status()[0]?.state === 'failing');
    await runner.stop();

    expect(log.pages).toEqual([4]);
    // The page failed whole: the first event retried alone found none of the page's rows and the old checkpoint.
    expect(log.seen.slice(0, 2)).toEqual([
      { type: 'A', rows: 1, checkpoint: beforePage },
      { type: 'A', rows: 1, checkpoint: beforePage },
    ]);
    expect(log.single.slice(0, 3)).toEqual(['A', 'A', 'Poison']);
    expect(runner.status()[0]).toMatchObject({ lastError: 'poison' });
    // The two events before the failing one are kept, the checkpoint is at the last of them, nothing after.
    expect(await counts(db)).toEqual({ 'counted-x': 3 });
    expect(await readCheckpoint(db, 'test.counts')).toEqual(positionOf(page[1] as RecordedEvent));
  });

  it('rebuilds in pages of at most REBUILD_PAGE_SIZE events, each with its checkpoint, to the rows live gave', async () => {
    const log = { seen: [] as Seen[], pages: [] as number[], single: [] as string[] };
    const total = REBUILD_PAGE_SIZE + 20;
    const perStream = Math.ceil(total / 3);
    for (let i = 0; i < 3; i++) {
      const n = Math.min(perStream, total - i * perStream);
      await store.appendToStream(
        `counted-${i}`,
        Array.from({ length: n }, () => event('A')),
        { expectedRevision: ANY },
      );
    }
    const runner = new ProjectionRunner(store, db, [pagedProjection(log)]);
    const processed = await runner.rebuild('test.counts');
    expect(processed).toBe(total);
    // Larger than a live page: a rebuild's read model has no reader waiting on its locks.
    expect(REBUILD_PAGE_SIZE).toBeGreaterThan(PAGE_SIZE);
    expect(log.pages).toEqual([REBUILD_PAGE_SIZE, 20]);
    // The second page started where the first one's checkpoint was.
    expect(log.seen[1]).toMatchObject({ rows: REBUILD_PAGE_SIZE });
    expect(log.seen[1]?.checkpoint.globalPosition).toBeGreaterThan(0);
    expect(await readCheckpoint(db, 'test.counts')).toEqual(await store.headPosition());
    expect(await counts(db)).toEqual({
      'counted-0': perStream,
      'counted-1': perStream,
      'counted-2': total - 2 * perStream,
    });
  });

  it("leaves a rebuild's checkpoint at the head when the end of the log holds nothing the read model keeps", async () => {
    await store.appendToStream('counted-0', [event('A'), event('A')], { expectedRevision: ANY });
    await store.appendToStream('other-0', [event('B'), event('B'), event('B')], { expectedRevision: ANY });
    const keepsNothing: Projection = { ...countingProjection({ remaining: 0, type: 'never' }), name: 'test.none' };
    const none = { ...keepsNothing, filter: { streamPrefixes: ['nothing-'] } };
    const counted = { ...countingProjection({ remaining: 0, type: 'never' }), name: 'test.counted' };
    const runner = new ProjectionRunner(store, db, [none, counted]);
    const head = await store.headPosition();
    // Nothing kept at all, and events kept only before the end: either way a start after the rebuild has nothing
    // left to read.
    expect(await runner.rebuild('test.none')).toBe(0);
    expect(await readCheckpoint(db, 'test.none')).toEqual(head);
    expect(await runner.rebuild('test.counted')).toBe(2);
    expect(await readCheckpoint(db, 'test.counted')).toEqual(head);
  });

  it("refreshes its read model's planner statistics as a rebuild grows it, and at its end", async () => {
    // One row per event: the table grows with the rebuild, as a timeline does.
    const rows: Projection = {
      name: 'test.rows',
      schema: 'test_rows_read',
      filter: { streamPrefixes: ['counted-'] },
      migrations: [{ version: 1, name: 'rows', up: (s) => `CREATE TABLE ${s}.rows (event_id text PRIMARY KEY);` }],
      async reset(tx) {
        await tx.query('TRUNCATE test_rows_read.rows');
      },
      async apply(tx, e) {
        await tx.query('INSERT INTO test_rows_read.rows VALUES ($1)', [e.eventId]);
      },
    };
    const total = REBUILD_ANALYZE_FIRST + PAGE_SIZE + 100;
    for (let i = 0; i * PAGE_SIZE < total; i++) {
      const n = Math.min(PAGE_SIZE, total - i * PAGE_SIZE);
      await store.appendToStream(
        `counted-${i}`,
        Array.from({ length: n }, () => event('A')),
        { expectedRevision: ANY },
      );
    }
    const statistics = async (): Promise<{ analyses: number; tuples: number }> => {
      const [row] = await db.query<{ analyses: string; tuples: number }>(
        `SELECT s.analyze_count::text AS analyses, c.reltuples AS tuples
         FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
         WHERE s.schemaname = 'test_rows_read' AND s.relname = 'rows'`,
      );
      return { analyses: Number(row?.analyses ?? 0), tuples: row?.tuples ?? 0 };
    };
    const runner = new ProjectionRunner(store, db, [rows]);
    await runner.migrate();
    const before = await statistics();
    expect(await runner.rebuild('test.rows')).toBe(total);
    // Once the rebuild had applied REBUILD_ANALYZE_FIRST events, and once at its end (the next, at twice as many,
    // was not reached): the planner's count of rows is the table's.
    expect(await statistics()).toEqual({ analyses: before.analyses + 2, tuples: total });
  });

  it('rebuilds up to the event before a failing one, and says which error stopped it', async () => {
    const log = { seen: [] as Seen[], pages: [] as number[], single: [] as string[] };
    await store.appendToStream('counted-y', [event('A'), event('A'), event('Poison'), event('A')], {
      expectedRevision: ANY,
    });
    const page = (await store.readAll()).events;
    const runner = new ProjectionRunner(store, db, [pagedProjection(log)]);
    await expect(runner.rebuild('test.counts')).rejects.toThrow('poison');
    expect(await counts(db)).toEqual({ 'counted-y': 2 });
    expect(await readCheckpoint(db, 'test.counts')).toEqual(positionOf(page[1] as RecordedEvent));
  });
});

/** Counts the events its filter keeps, per stream, in a table of its own; fails while `failing.remaining` > 0. */
function counter(name: string, filter: Projection['filter'], failing = { remaining: 0 }): Projection {
  const table = `shared_read.${name.replace(/\W/g, '_')}`;
  return {
    name,
    schema: 'shared_read',
    filter,
    migrations: [],
    async reset(tx: SqlQueryable) {
      await tx.query(`TRUNCATE ${table}`);
    },
    async apply(tx: SqlQueryable, e: RecordedEvent) {
      if (failing.remaining > 0) {
        failing.remaining -= 1;
        throw new Error(`${name} cannot apply ${e.type}`);
      }
      await tx.query(`INSERT INTO ${table} VALUES ($1, 1) ON CONFLICT (stream_id) DO UPDATE SET n = ${table}.n + 1`, [
        e.streamId,
      ]);
    },
  };
}

async function countsOf(db: PgliteDatabase, name: string): Promise<Record<string, number>> {
  const rows = await db.query<{ stream_id: string; n: number }>(
    `SELECT stream_id, n FROM shared_read.${name.replace(/\W/g, '_')}`,
  );
  return Object.fromEntries(rows.map((r) => [r.stream_id, r.n]));
}

describe('projection runner: one shared feed for the projections of a process', () => {
  let db: PgliteDatabase;
  let store: SqlEventStore;
  const names = ['by.type', 'by.prefix', 'by.both'];

  beforeEach(async () => {
    db = await PgliteDatabase.open();
    store = await SqlEventStore.open(db, { pollIntervalMs: 50 });
    await db.exec('CREATE SCHEMA shared_read');
    for (const name of names) {
      await db.exec(
        `CREATE TABLE shared_read.${name.replace(/\W/g, '_')} (stream_id text PRIMARY KEY, n integer NOT NULL)`,
      );
    }
  });

  afterEach(async () => {
    await store.close();
    await db.close();
  });

  /** The store, counting the subscriptions opened on it and the commits of the database. */
  function counting(): { store: SqlEventStore; subscriptions: () => number } {
    let subscriptions = 0;
    const spy = new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'subscribeToAll') {
          return (options: Parameters<SqlEventStore['subscribeToAll']>[0]) => {
            subscriptions += 1;
            return target.subscribeToAll(options);
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    return { store: spy, subscriptions: () => subscriptions };
  }

  it('reads the log once for all of them, gives each what its filter keeps, and moves every checkpoint together', async () => {
    await store.appendToStream('site-1', [event('SiteRegistered'), event('SiteSuspended')], { expectedRevision: ANY });
    await store.appendToStream('referral-1', [event('ReferralSubmitted')], { expectedRevision: ANY });
    const { store: spy, subscriptions } = counting();
    const runner = new ProjectionRunner(spy, db, [
      counter('by.type', { eventTypes: ['SiteRegistered', 'ReferralSubmitted'] }),
      counter('by.prefix', { streamPrefixes: ['site-'] }),
      counter('by.both', { streamPrefixes: ['referral-'], eventTypes: ['ReferralAccepted'] }),
    ]);
    await runner.start();
    expect(await runner.waitFor(await store.headPosition(), 5000)).toBe(true);
    await until(() => runner.status().every((s) => s.state === 'live'));
    // Live: a page for all three again.
    await store.appendToStream('referral-1', [event('ReferralAccepted')], { expectedRevision: ANY });
    await store.appendToStream('site-2', [event('SiteRegistered')], { expectedRevision: ANY });
    const head = await store.headPosition();
    expect(await runner.waitFor(head, 5000)).toBe(true);
    await runner.stop();

    expect(subscriptions()).toBe(1);
    expect(await countsOf(db, 'by.type')).toEqual({ 'site-1': 1, 'site-2': 1, 'referral-1': 1 });
    expect(await countsOf(db, 'by.prefix')).toEqual({ 'site-1': 2, 'site-2': 1 });
    expect(await countsOf(db, 'by.both')).toEqual({ 'referral-1': 1 });
    // Each checkpoint at the head, also that of a projection whose filter kept nothing of the last page.
    for (const name of names) expect(await readCheckpoint(db, name)).toEqual(head);
  });

  it('starts from the earliest checkpoint and gives a projection ahead only what it has not applied', async () => {
    await store.appendToStream('site-1', [event('A'), event('A')], { expectedRevision: ANY });
    const first = new ProjectionRunner(store, db, [counter('by.prefix', { streamPrefixes: ['site-'] })]);
    await first.start();
    expect(await first.waitFor(await store.headPosition(), 5000)).toBe(true);
    await first.stop();

    await store.appendToStream('site-1', [event('A')], { expectedRevision: ANY });
    // A new read model from the start of the log, beside one that has two of the three events.
    const second = new ProjectionRunner(store, db, [
      counter('by.prefix', { streamPrefixes: ['site-'] }),
      counter('by.type', { eventTypes: ['A'] }),
    ]);
    await second.start();
    expect(await second.waitFor(await store.headPosition(), 5000)).toBe(true);
    await second.stop();
    expect(await countsOf(db, 'by.prefix')).toEqual({ 'site-1': 3 });
    expect(await countsOf(db, 'by.type')).toEqual({ 'site-1': 3 });
  });

  it('lets a projection that fails alone go on its own subscription, holding back none of the others', async () => {
    const failing = { remaining: 3 };
    const errors: string[] = [];
    const runner = new ProjectionRunner(
      store,
      db,
      [counter('by.type', { eventTypes: ['A'] }), counter('by.prefix', { streamPrefixes: ['site-'] }, failing)],
      { info: () => undefined, error: (message) => errors.push(message) },
    );
    await store.appendToStream('site-1', [event('A'), event('A')], { expectedRevision: ANY });
    await runner.start();

    // The healthy one reaches the head while the other fails.
    const head = await store.headPosition();
    await until(() => compareLogPositions(runner.status()[0]?.position ?? LOG_START, head) >= 0);
    await until(() => errors.some((message) => /own subscription/.test(message)));
    expect(runner.status()[1]).toMatchObject({ name: 'by.prefix', lastError: 'by.prefix cannot apply A' });
    await store.appendToStream('site-1', [event('A')], { expectedRevision: ANY });
    const later = await store.headPosition();
    await until(() => compareLogPositions(runner.status()[0]?.position ?? LOG_START, later) >= 0);
    expect(await countsOf(db, 'by.type')).toEqual({ 'site-1': 3 });

    // Once its failure passes, it catches up on its own, each event once.
    expect(await runner.waitFor(await store.headPosition(), 10_000)).toBe(true);
    await until(() => runner.status()[1]?.state === 'live');
    await runner.stop();
    expect(failing.remaining).toBe(0);
    expect(await countsOf(db, 'by.prefix')).toEqual({ 'site-1': 3 });
    expect(await countsOf(db, 'by.type')).toEqual({ 'site-1': 3 });
  });
});
