import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { type NewEvent } from '@pamoja/contracts';
import {
  ANY,
  EventIdConflictError,
  KurrentDbEventStore,
  NO_STREAM,
  PgliteDatabase,
  PostgresDatabase,
  type AppendResult,
  type SqlDatabase,
  type SqlQueryable,
} from '@pamoja/event-store';
import { newEvents, rejectionOf, streamId } from '../event-store/contract/harness.js';
import { requirePostgres, TEST_DATABASE_URL } from '../postgres.js';
import { KurrentDbStandIn } from './kurrentdb-stand-in.js';

// The KurrentDB adapter's index of event ids in a real PostgreSQL (ADR 0035), against the in-process stand-in of
// the server. Each test has a stand-in (a log) and an index schema of its own; two stores on one stand-in and one
// schema are two processes of one deployment.
beforeAll(requirePostgres);

interface IndexRow {
  event_id: string;
  stream_id: string;
  stream_revision: number;
  commit_position: number;
  prepare_position: number;
}

interface Position {
  commit_position: number | null;
  prepare_position: number | null;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function newLog(): Promise<{ standIn: KurrentDbStandIn; db: PostgresDatabase; schema: string }> {
  const standIn = await KurrentDbStandIn.start();
  const db = new PostgresDatabase({ connectionString: TEST_DATABASE_URL, poolSize: 6 });
  const schema = `kurrentdb_index_t${randomUUID().replaceAll('-', '')}`;
  cleanups.push(async () => {
    await standIn.stop();
    await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.close();
  });
  return { standIn, db, schema };
}

async function open(url: string, indexDatabase: SqlDatabase, indexSchema: string): Promise<KurrentDbEventStore> {
  const store = await KurrentDbEventStore.open({ connectionString: url, indexDatabase, indexSchema });
  cleanups.push(() => store.close());
  return store;
}

function rowsOf(db: SqlDatabase, schema: string): Promise<IndexRow[]> {
  return db.query<IndexRow>(
    `SELECT event_id::text AS event_id, stream_id, stream_revision::int AS stream_revision,
            commit_position::float8 AS commit_position, prepare_position::float8 AS prepare_position
     FROM ${schema}.event_ids ORDER BY commit_position, prepare_position`,
  );
}

async function positionOf(db: SqlDatabase, schema: string): Promise<Position> {
  const [row] = await db.query<Position>(
    `SELECT commit_position::float8 AS commit_position, prepare_position::float8 AS prepare_position
     FROM ${schema}.indexed_up_to`,
  );
  if (!row) throw new Error(`${schema}.indexed_up_to has no row`);
  return row;
}

/** The log as the server holds it, one row per event, as the index should hold it. */
async function logRows(store: KurrentDbEventStore): Promise<IndexRow[]> {
  const rows: IndexRow[] = [];
  for (;;) {
    const after = rows.at(-1);
    const page = await store.readAll({
      maxCount: 1000,
      ...(after ? { after: { transactionId: after.commit_position, globalPosition: after.prepare_position } } : {}),
    });
    rows.push(
      ...page.events.map((e) => ({
        event_id: e.eventId,
        stream_id: e.streamId,
        stream_revision: e.streamRevision,
        commit_position: e.transactionId,
        prepare_position: e.globalPosition,
      })),
    );
    if (page.events.length < 1000) return rows;
  }
}

/** The last event of `$all` (the stand-in's own system event included) as the index stores its position. */
async function endOfAll(store: KurrentDbEventStore): Promise<Position> {
  const head = await store.headPosition();
  return { commit_position: head.transactionId, prepare_position: head.globalPosition };
}

/** A database whose transactions fail at the index's position update once armed: a crash inside a page. */
class CrashingDatabase implements SqlDatabase {
  readonly dialect = 'postgres' as const;
  /** Page transactions to let through before the next one fails; undefined: none fails. */
  failAfterPages: number | undefined;

  constructor(private readonly inner: SqlDatabase) {}

  query<R extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    return this.inner.query<R>(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.inner.exec(sql);
  }

  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    return this.inner.transaction((tx) =>
      work({
        query: async <R extends object>(sql: string, params?: readonly unknown[]): Promise<R[]> => {
          if (/^\s*UPDATE \S+\.indexed_up_to/.test(sql) && this.failAfterPages !== undefined) {
            // The page's rows are inserted in this transaction by now; the crash comes before its position moves.
            if (this.failAfterPages === 0) throw new Error('simulated crash between the rows and the position');
            this.failAfterPages--;
          }
          return tx.query<R>(sql, params);
        },
        exec: (sql) => tx.exec(sql),
      }),
    );
  }

  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    return this.inner.listen(channel, onNotify);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

describe('the KurrentDB adapter keeps its index of event ids in PostgreSQL', () => {
  it('a store opened on a log another process wrote finds its events by id and answers a retry as a replay, reading only the tail of $all', async () => {
    const { standIn, db, schema } = await newLog();
    const writer = await open(standIn.url, db, schema);
    const first = newEvents(3);
    const firstStream = streamId();
    const written = await writer.appendToStream(firstStream, first, { expectedRevision: NO_STREAM });
    for (let n = 0; n < 40; n++) {
      await writer.appendToStream(streamId(), newEvents(5), { expectedRevision: NO_STREAM });
    }
    // The writer's last append is in $all but not yet in the index: the next process reads it from the tail.
    const last = newEvents(2);
    const lastStream = streamId();
    await writer.appendToStream(lastStream, last, { expectedRevision: NO_STREAM });
    await writer.close();
    expect((await rowsOf(db, schema)).length).toBe(3 + 40 * 5);

    const readsBefore = standIn.readsOfAll.length;
    const reader = await open(standIn.url, db, schema);
    expect((await reader.findEvent(first[1]!.eventId))?.streamId).toBe(firstStream);
    expect((await reader.findEvent(last[1]!.eventId))?.streamRevision).toBe(1);
    // A retry of the first command, with another expectation than the first time: the first result, once.
    const retried = await reader.appendToStream(firstStream, first, { expectedRevision: ANY });
    expect(retried).toEqual({ ...written, idempotentReplay: true });
    expect((await reader.readStream(firstStream)).map((e) => e.eventId)).toEqual(first.map((e) => e.eventId));

    const reads = standIn.readsOfAll.slice(readsBefore);
    const forwards = reads.filter((r) => r.direction === 'forwards');
    expect(forwards.length).toBeGreaterThan(0);
    expect(forwards.filter((r) => r.from === 'start')).toEqual([]);
    // The stored position's event again (the stand-in includes it), then the writer's last two events.
    expect(forwards.reduce((sum, r) => sum + r.served, 0)).toBeLessThanOrEqual(2 * (1 + 2));
    expect(await positionOf(db, schema)).toEqual(await endOfAll(reader));
    expect(await rowsOf(db, schema)).toEqual(await logRows(reader));
  });

  it('two processes appending at once, with new and with retried event ids, leave one entry per event of the log', async () => {
    const { standIn, db, schema } = await newLog();
    const otherDb = new PostgresDatabase({ connectionString: TEST_DATABASE_URL, poolSize: 6 });
    cleanups.push(() => otherDb.close());
    // A log neither has indexed yet (written with an index elsewhere): both read the same pages of it at once.
    const writer = await open(standIn.url, db, `${schema}_writer`);
    cleanups.push(() => db.exec(`DROP SCHEMA IF EXISTS ${schema}_writer CASCADE`));
    const earlier = Array.from({ length: 6 }, () => ({ stream: streamId(), events: newEvents(200) }));
    for (const command of earlier) {
      await writer.appendToStream(command.stream, command.events, { expectedRevision: NO_STREAM });
    }
    const a = await open(standIn.url, db, schema);
    const b = await open(standIn.url, otherDb, schema);
    const readsBefore = standIn.readsOfAll.length;
    const firstFound = await Promise.all([
      a.findEvent(earlier[5]!.events[199]!.eventId),
      b.findEvent(earlier[0]!.events[0]!.eventId),
    ]);
    expect(firstFound.map((e) => e?.streamId)).toEqual([earlier[5]!.stream, earlier[0]!.stream]);
    // Both read from the start: the same rows were inserted twice at once.
    expect(standIn.readsOfAll.slice(readsBefore).filter((r) => r.from === 'start')).toHaveLength(2);

    const commands = Array.from({ length: 30 }, () => ({ stream: streamId(), events: newEvents(3) }));
    const sent: Promise<AppendResult>[] = [];
    commands.forEach((command, i) => {
      // Every third command is sent to both processes at once (a client's retry reaching another instance).
      const stores = i % 3 === 0 ? [a, b] : [i % 2 === 0 ? a : b];
      for (const store of stores) {
        sent.push(store.appendToStream(command.stream, command.events, { expectedRevision: NO_STREAM }));
      }
    });
    const results = await Promise.all(sent);
    expect(results.filter((r) => !r.idempotentReplay)).toHaveLength(commands.length);
    expect(results.filter((r) => r.idempotentReplay)).toHaveLength(10);

    // Both bring the index to the end of $all, at once.
    const lastIds = commands.at(-1)!.events.map((e) => e.eventId);
    const found = await Promise.all([a.findEvent(lastIds[2]!), b.findEvent(lastIds[0]!)]);
    expect(found.map((e) => e?.streamId)).toEqual([commands.at(-1)!.stream, commands.at(-1)!.stream]);

    const log = await logRows(a);
    expect(log).toHaveLength(earlier.length * 200 + commands.length * 3);
    expect(new Set(log.map((r) => r.event_id)).size).toBe(log.length);
    expect(await rowsOf(db, schema)).toEqual(log);
    expect(await positionOf(db, schema)).toEqual(await endOfAll(a));
  });

  it('a crash between a page of rows and its position leaves both as they were, and the next call completes the index', async () => {
    const { standIn, db, schema } = await newLog();
    // The log is written by a process with an index elsewhere: the index under test has read nothing of it.
    const writer = await open(standIn.url, db, `${schema}_writer`);
    cleanups.push(() => db.exec(`DROP SCHEMA IF EXISTS ${schema}_writer CASCADE`));
    const streams: { id: string; events: NewEvent[] }[] = [];
    for (let n = 0; n < 12; n++) {
      const id = streamId();
      const events = newEvents(100);
      await writer.appendToStream(id, events, { expectedRevision: NO_STREAM });
      streams.push({ id, events });
    }
    const crashing = new CrashingDatabase(db);
    const store = await open(standIn.url, crashing, schema);
    crashing.failAfterPages = 1;
    const lastEvent = streams.at(-1)!.events.at(-1)!;
    const failure = await rejectionOf(store.findEvent(lastEvent.eventId));
    expect(String(failure)).toContain('simulated crash');

    // The first page (512 events of $all, the stand-in's system event first) is in, and nothing of the second.
    const log = await logRows(writer);
    const afterOnePage = await positionOf(db, schema);
    expect(afterOnePage).toEqual({
      commit_position: log[510]!.commit_position,
      prepare_position: log[510]!.prepare_position,
    });
    expect(await rowsOf(db, schema)).toEqual(log.slice(0, 511));

    crashing.failAfterPages = undefined;
    expect((await store.findEvent(lastEvent.eventId))?.streamId).toBe(streams.at(-1)!.id);
    expect(await rowsOf(db, schema)).toEqual(log);
    expect(await positionOf(db, schema)).toEqual(await endOfAll(store));
    // And a retry of a command from the first page is still a replay.
    const retried = await store.appendToStream(streams[0]!.id, streams[0]!.events, { expectedRevision: ANY });
    expect(retried.idempotentReplay).toBe(true);
  });

  it('the same event ids in another stream are a conflict, whichever process writes them', async () => {
    const { standIn, db, schema } = await newLog();
    const a = await open(standIn.url, db, schema);
    const b = await open(standIn.url, db, schema);
    const events = newEvents(2);
    const stream = streamId();
    await a.appendToStream(stream, events, { expectedRevision: NO_STREAM });
    const elsewhere = streamId();
    for (const store of [b, a]) {
      const refused = await rejectionOf(store.appendToStream(elsewhere, events, { expectedRevision: ANY }));
      expect(refused).toBeInstanceOf(EventIdConflictError);
    }
    // One of the two ids with a new one, in the stream that holds it: a conflict too.
    const partly = await rejectionOf(
      b.appendToStream(stream, [events[1]!, ...newEvents(1)], { expectedRevision: ANY }),
    );
    expect(partly).toBeInstanceOf(EventIdConflictError);
    expect(await b.streamRevision(elsewhere)).toBe(-1);
    expect((await rowsOf(db, schema)).map((r) => [r.event_id, r.stream_id])).toEqual(
      events.map((e) => [e.eventId, stream]),
    );
  });

  it('is required, and kept one per log', async () => {
    const { standIn, db, schema } = await newLog();
    await expect(
      KurrentDbEventStore.open({
        connectionString: standIn.url,
        indexDatabase: undefined as unknown as SqlDatabase,
      }),
    ).rejects.toThrow(/^indexDatabase: required/);
    const store = await open(standIn.url, db, schema);
    await store.appendToStream(streamId(), newEvents(1), { expectedRevision: NO_STREAM });
    await store.findEvent(randomUUID());
    // Another log on the same server (another stream prefix) is refused this schema.
    await expect(
      KurrentDbEventStore.open({
        connectionString: standIn.url,
        indexDatabase: db,
        indexSchema: schema,
        streamPrefix: 'x-',
      }),
    ).rejects.toThrow(`indexSchema: ${schema} holds the event-id index of the log with streamPrefix ""`);
    // Another server's log (a new, empty one) is refused it too: the index has read further than its $all goes.
    const otherServer = await KurrentDbStandIn.start();
    cleanups.push(() => otherServer.stop());
    await expect(
      KurrentDbEventStore.open({ connectionString: otherServer.url, indexDatabase: db, indexSchema: schema }),
    ).rejects.toThrow(/has read \$all up to .* it indexes another server's log .* drop schema kurrentdb_index_t/);
  });

  it('works the same on PGlite, for a single process', async () => {
    const standIn = await KurrentDbStandIn.start();
    const pglite = await PgliteDatabase.open();
    cleanups.push(async () => {
      await standIn.stop();
      await pglite.close();
    });
    const store = await open(standIn.url, pglite, 'kurrentdb_index');
    const events = newEvents(2);
    const stream = streamId();
    await store.appendToStream(stream, events, { expectedRevision: NO_STREAM });
    expect((await store.findEvent(events[1]!.eventId))?.streamRevision).toBe(1);
    expect((await store.appendToStream(stream, events, { expectedRevision: 1 })).idempotentReplay).toBe(true);
    expect((await rowsOf(pglite, 'kurrentdb_index')).map((r) => r.event_id)).toEqual(events.map((e) => e.eventId));
  });
});
