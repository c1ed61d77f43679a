/**
 * Event store throughput: the platform's event store (hash chains, personal data encrypted, group commit) against
 * Emmett's PostgreSQL event store, the best-known Node peer, and a raw INSERT baseline, on the same database, in the
 * same run.
 *
 *   npm run bench:store                       (PostgreSQL at DATABASE_URL, PGlite in memory and in a temp dir)
 *   BENCH_SECONDS=5 npm run bench:store       (longer measuring windows; default 2.5 s each)
 *   BENCH_BACKENDS=postgres,pglite-memory     (a subset of postgres, pglite-memory, pglite-disk)
 *   BENCH_STRICT=1                            (exit 1 when a target is missed)
 *
 * Writes its section of docs/benchmarks.md (see bench-report.ts).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { LOG_START, newId, type LogPosition, type NewEvent } from '@pamoja/contracts';
import {
  NO_STREAM,
  PgliteDatabase,
  PostgresDatabase,
  SqlEventStore,
  type EventStore,
  type ExpectedRevision,
  type SqlDatabase,
} from '@pamoja/event-store';
import { ProtectedEventStore, SqlPersonalDataKeys } from '@pamoja/platform/privacy';
import { emmettVersion, openEmmett, type EmmettPeer } from './emmett-peer.js';
import {
  formatMs,
  formatRate,
  formatRatio,
  machineRows,
  percentile,
  renderConsoleReport,
  runInterleaved,
  runInterleavedAll,
  writeReportSection,
  type Table,
  type Target,
  type TimedRun,
} from './bench-report.js';
import { BENCH_PERSONAL_DATA, makeEvent } from './store-events.js';

const CONNECTION_STRING = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECONDS = Number(process.env.BENCH_SECONDS ?? '2.5');
const WARMUP_SECONDS = Math.min(0.5, SECONDS / 4);
const READ_EVENTS = 20_000;
const READ_PAGE = 1_000;
const READ_SECONDS = Math.max(1, SECONDS * 0.8);
const ROUNDS = 4;
const STREAMS_PER_WRITER = 4;
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'postgres,pglite-memory,pglite-disk').split(',').map((b) => b.trim());

const WORKLOADS: readonly Workload[] = [
  { name: 'single-event appends', writers: 1, batch: 1 },
  { name: 'single-event appends', writers: 8, batch: 1 },
  { name: '10-event batch appends', writers: 1, batch: 10 },
  { name: '10-event batch appends', writers: 8, batch: 10 },
];

interface Workload {
  readonly name: string;
  readonly writers: number;
  readonly batch: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Payloads: the same events go to the store and to the raw table
// ---------------------------------------------------------------------------------------------------------------

const SAMPLE = makeEvent(0, 0);
const DATA_BYTES = Buffer.byteLength(JSON.stringify(SAMPLE.data));
const METADATA_BYTES = Buffer.byteLength(JSON.stringify(SAMPLE.metadata));

/** Each writer appends to its own streams, round robin, tracking exact revisions. */
class WriterStreams {
  private readonly streams: { id: string; revision: number; caseId: string }[];
  private next = 0;

  constructor(run: string, writer: number) {
    this.streams = Array.from({ length: STREAMS_PER_WRITER }, (_, s) => ({
      id: `bench-${run}-w${writer}-s${s}`,
      revision: -1,
      caseId: newId(),
    }));
  }

  take(): { id: string; revision: number; caseId: string } {
    const stream = this.streams[this.next++ % this.streams.length];
    if (!stream) throw new Error('no stream');
    return stream;
  }
}

function expectation(revision: number): ExpectedRevision {
  return revision < 0 ? NO_STREAM : revision;
}

// ---------------------------------------------------------------------------------------------------------------
// Raw baselines
// ---------------------------------------------------------------------------------------------------------------

const RAW_COLUMNS = 'stream_id, stream_revision, event_id, event_type, schema_version, data, metadata';

function rawTableSql(schema: string): string {
  // A plain table: the store's columns and types, an identity primary key, no other index or constraint.
  return `CREATE SCHEMA IF NOT EXISTS ${schema};
    CREATE TABLE ${schema}.raw_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      stream_id text NOT NULL,
      stream_revision bigint NOT NULL,
      event_id uuid NOT NULL,
      event_type text NOT NULL,
      schema_version integer NOT NULL,
      data jsonb NOT NULL,
      metadata jsonb NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
    );`;
}

function rawInsert(schema: string, rows: number): string {
  const tuples = Array.from({ length: rows }, (_, r) => {
    const b = r * 7;
    return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7})`;
  });
  return `INSERT INTO ${schema}.raw_events (${RAW_COLUMNS}) VALUES ${tuples.join(', ')}`;
}

function rawParams(streamId: string, firstRevision: number, events: readonly NewEvent[]): unknown[] {
  return events.flatMap((e, i) => [
    streamId,
    firstRevision + i,
    e.eventId,
    e.type,
    e.schemaVersion,
    JSON.stringify(e.data),
    JSON.stringify(e.metadata),
  ]);
}

interface RawTarget {
  readonly schema: string;
  /** Runs one INSERT statement (autocommit) on a connection of its own. */
  insert(sql: string, params: unknown[]): Promise<void>;
  /** Keyset page of the raw table, all columns; returns the last id and the row count. */
  readPage(afterId: number, limit: number): Promise<{ lastId: number; count: number }>;
  count(): Promise<number>;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------
// Backends
// ---------------------------------------------------------------------------------------------------------------

/** The store as the platform runs it: personal data encrypted (ProtectedEventStore) over the SQL store. */
interface BenchStore {
  readonly store: EventStore;
  readonly sql: SqlEventStore;
}

/** A fixed master key: the bench measures encryption, it protects nothing. */
const BENCH_MASTER_KEY = Buffer.alloc(32, 7);

async function openBenchStore(db: SqlDatabase, schema: string): Promise<BenchStore> {
  const sql = await SqlEventStore.open(db, { schema });
  const keys = await SqlPersonalDataKeys.open(db, BENCH_MASTER_KEY);
  return { store: new ProtectedEventStore(sql, keys, BENCH_PERSONAL_DATA), sql };
}

interface Backend {
  readonly key: string;
  readonly label: string;
  /** Facts for the environment table. */
  readonly facts: [string, string][];
  /** A store for `writers` concurrent writers. */
  store(writers: number): Promise<BenchStore>;
  releaseStore(store: BenchStore): Promise<void>;
  /** The peer event store on the same database (PostgreSQL only), over as many connections as writers. */
  peer?(writers: number): Promise<EmmettPeer>;
  /** The raw baseline over as many connections as writers (PGlite: its single one). */
  raw(writers: number): Promise<RawTarget>;
  releaseRaw(raw: RawTarget): Promise<void>;
  /** The connections the store's writers had, said plainly for the report. */
  connections(writers: number): string;
  dispose(): Promise<void>;
}

function pgliteVersion(): string {
  try {
    let dir = path.dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite')));
    for (let i = 0; i < 5; i++) {
      try {
        const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
          name?: string;
          version?: string;
        };
        if (pkg.name === '@electric-sql/pglite' && pkg.version) return pkg.version;
      } catch {
        // not here; look higher up
      }
      dir = path.dirname(dir);
    }
  } catch {
    // fall through
  }
  return 'unknown';
}

async function postgresBackend(run: string): Promise<Backend> {
  const admin = new pg.Pool({ connectionString: CONNECTION_STRING, max: 1 });
  admin.on('error', () => undefined);
  let settings: Record<string, string>;
  try {
    const rows = await admin.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'synchronous_commit', 'fsync', 'shared_buffers', 'max_connections')`,
    );
    settings = Object.fromEntries(rows.rows.map((r) => [r.name, r.setting]));
  } catch (error: unknown) {
    await admin.end();
    throw new Error(
      `PostgreSQL is unreachable at ${CONNECTION_STRING} (set DATABASE_URL): ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  // A database of its own for the run: the store, the peer (which writes to the public schema) and the raw table.
  const database = `pamoja_bench_${run}`;
  await admin.query(`CREATE DATABASE ${database}`);
  const benchUrl = new URL(CONNECTION_STRING);
  benchUrl.pathname = `/${database}`;
  const url = benchUrl.toString();
  const storeSchema = `es_bench_${run}`;
  const rawSchema = `es_bench_raw_${run}`;
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  try {
    await setup.query(rawTableSql(rawSchema));
  } finally {
    await setup.end();
  }
  const openDatabases = new Map<BenchStore, SqlDatabase>();

  return {
    key: 'postgres',
    label: `PostgreSQL ${(settings.server_version ?? '?').split(' ')[0] ?? '?'}`,
    facts: [
      ['PostgreSQL server', `${settings.server_version ?? '?'} at ${new URL(CONNECTION_STRING).host}`],
      [
        'PostgreSQL settings',
        `fsync=${settings.fsync ?? '?'}, synchronous_commit=${settings.synchronous_commit ?? '?'}, shared_buffers=${settings.shared_buffers ?? '?'} (8 kB pages)`,
      ],
    ],
    // One pooled connection per writer and one for the key store, plus the one the store keeps for LISTEN.
    store: async (writers) => {
      const db = new PostgresDatabase({ connectionString: url, poolSize: writers + 1 });
      const opened = await openBenchStore(db, storeSchema);
      openDatabases.set(opened, db);
      return opened;
    },
    releaseStore: async (store) => {
      await store.sql.close();
      await openDatabases.get(store)?.close();
      openDatabases.delete(store);
    },
    peer: (writers) => openEmmett(url, writers),
    raw: (writers) => {
      const pool = new pg.Pool({ connectionString: url, max: writers });
      pool.on('error', () => undefined);
      return Promise.resolve<RawTarget>({
        schema: rawSchema,
        insert: async (sql, params) => {
          await pool.query(sql, params);
        },
        readPage: async (afterId, limit) => {
          const result = await pool.query<{ id: string }>(
            `SELECT id, ${RAW_COLUMNS}, recorded_at FROM ${rawSchema}.raw_events WHERE id > $1 ORDER BY id LIMIT $2`,
            [afterId, limit],
          );
          const last = result.rows[result.rows.length - 1];
          return { lastId: last ? Number(last.id) : afterId, count: result.rows.length };
        },
        count: async () => {
          const result = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${rawSchema}.raw_events`);
          return Number(result.rows[0]?.n ?? 0);
        },
        close: () => pool.end(),
      });
    },
    releaseRaw: (raw) => raw.close(),
    connections: (writers) => `${writers} pooled + 1 LISTEN (raw: ${writers})`,
    dispose: async () => {
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}

async function pgliteBackend(run: string, onDisk: boolean): Promise<Backend> {
  const dirs: string[] = [];
  const tempDir = async (): Promise<string | undefined> => {
    if (!onDisk) return undefined;
    const dir = await mkdtemp(path.join(os.tmpdir(), `pamoja-bench-${run}-`));
    dirs.push(dir);
    return dir;
  };
  // One store and one raw database for the whole backend: PGlite boots in seconds and has one connection anyway.
  let store: BenchStore | undefined;
  let rawDb: PGlite | undefined;
  const dispose = async (): Promise<void> => {
    await store?.sql.close();
    await store?.sql.db.close();
    await rawDb?.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  };
  const rawSchema = `es_bench_raw_${run}`;
  let embedded: string;
  try {
    const dataDir = await tempDir();
    store = await openBenchStore(await PgliteDatabase.open(dataDir), `es_bench_${run}`);
    const rawDir = await tempDir();
    rawDb = await PGlite.create(rawDir ? { dataDir: rawDir } : {});
    await rawDb.exec(rawTableSql(rawSchema));
    embedded = (await rawDb.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]?.v ?? '?';
  } catch (error: unknown) {
    await dispose();
    throw error;
  }
  const openStore = store;
  const openRaw = rawDb;
  const raw: RawTarget = {
    schema: rawSchema,
    insert: async (sql, params) => {
      await openRaw.query(sql, params);
    },
    readPage: async (afterId, limit) => {
      const result = await openRaw.query<{ id: number }>(
        `SELECT id, ${RAW_COLUMNS}, recorded_at FROM ${rawSchema}.raw_events WHERE id > $1 ORDER BY id LIMIT $2`,
        [afterId, limit],
      );
      const last = result.rows[result.rows.length - 1];
      return { lastId: last ? last.id : afterId, count: result.rows.length };
    },
    count: async () => {
      const result = await openRaw.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${rawSchema}.raw_events`);
      return result.rows[0]?.n ?? 0;
    },
    close: () => openRaw.close(),
  };
  const where = onDisk ? `temp dir under ${os.tmpdir()}` : 'in memory';
  return {
    key: onDisk ? 'pglite-disk' : 'pglite-memory',
    label: `PGlite (${onDisk ? 'temp dir' : 'in memory'})`,
    facts: onDisk ? [] : [['PGlite', `${pgliteVersion()} (embedded PostgreSQL ${embedded})`]],
    store: () => Promise.resolve(openStore),
    releaseStore: () => Promise.resolve(),
    raw: () => Promise.resolve(raw),
    releaseRaw: () => Promise.resolve(),
    connections: () => `1 (single connection, ${where})`,
    dispose,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Measurements
// ---------------------------------------------------------------------------------------------------------------

interface AppendFigures {
  readonly backend: string;
  readonly workload: Workload;
  readonly connections: string;
  readonly store: TimedRun;
  /**
   * The control: the same SQL store (hash chains, group commit) with nothing encrypted, the events' personal fields
   * written as they are. Not how the platform runs; it says what the encryption costs the writer.
   */
  readonly plain: TimedRun;
  /** Emmett on the same database (PostgreSQL only). */
  readonly peer: TimedRun | undefined;
  readonly raw: TimedRun;
  /** Appends the store committed in groups of more than one, of all it committed (group commit, ADR 0032). */
  readonly grouped: number;
}

interface ReadFigures {
  readonly backend: string;
  readonly events: number;
  readonly storeRate: number;
  readonly rawRate: number;
}

const rate = (run: TimedRun): number => run.units / run.seconds;

async function measureAppends(backend: Backend, run: string, workload: Workload): Promise<AppendFigures> {
  const tag = `${run}-${workload.writers}x${workload.batch}`;
  const opened = await backend.store(workload.writers);
  const { store } = opened;
  try {
    const raw = await backend.raw(workload.writers);
    const peer = backend.peer ? await backend.peer(workload.writers) : undefined;
    try {
      const storeWriters = Array.from({ length: workload.writers }, (_, w) => new WriterStreams(`${tag}-store`, w));
      const peerWriters = Array.from({ length: workload.writers }, (_, w) => new WriterStreams(`${tag}-peer`, w));
      const plainWriters = Array.from({ length: workload.writers }, (_, w) => new WriterStreams(`${tag}-plain`, w));
      const rawWriters = Array.from({ length: workload.writers }, (_, w) => new WriterStreams(`${tag}-raw`, w));
      const sql = rawInsert(raw.schema, workload.batch);
      const batchOf = (w: number, n: number, caseId?: string): NewEvent[] =>
        Array.from({ length: workload.batch }, (_, i) => makeEvent(w, n * workload.batch + i, caseId));

      // The store as the platform runs it, and the control: the same SQL store with nothing encrypted.
      const appends = { store: 0, plain: 0 };
      const appendSide =
        (side: keyof typeof appends, target: EventStore, writers: WriterStreams[]) =>
        async (w: number, n: number): Promise<number> => {
          appends[side]++;
          const stream = writers[w]?.take();
          if (!stream) throw new Error('no writer');
          const result = await target.appendToStream(stream.id, batchOf(w, n, stream.caseId), {
            expectedRevision: expectation(stream.revision),
          });
          stream.revision = result.nextExpectedRevision;
          return workload.batch;
        };
      const storeSide = appendSide('store', store, storeWriters);
      const plainSide = appendSide('plain', opened.sql, plainWriters);
      const rawSide = async (w: number, n: number): Promise<number> => {
        const stream = rawWriters[w]?.take();
        if (!stream) throw new Error('no writer');
        await raw.insert(sql, rawParams(stream.id, stream.revision + 1, batchOf(w, n)));
        stream.revision += workload.batch;
        return workload.batch;
      };
      const peerSide = async (w: number, n: number): Promise<number> => {
        const stream = peerWriters[w]?.take();
        if (!stream || !peer) throw new Error('no writer');
        const events = batchOf(w, n, stream.caseId).map((e) => ({
          type: e.type,
          data: e.data as Record<string, unknown>,
          metadata: { ...e.metadata, eventId: e.eventId },
        }));
        stream.revision = await peer.append(stream.id, stream.revision, events);
        return workload.batch;
      };

      const before = opened.sql.groupCommitStats().appends;
      const sides = peer ? [storeSide, plainSide, rawSide, peerSide] : [storeSide, plainSide, rawSide];
      const [storeRun, plainRun, rawRun, peerRun] = await runInterleavedAll(
        { workers: workload.writers, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, rounds: ROUNDS },
        sides,
      );
      if (!storeRun || !plainRun || !rawRun) throw new Error('a side of the run is missing');
      const storeGroups = opened.sql.groupCommitStats().appends - before;
      return {
        backend: backend.label,
        workload,
        connections: backend.connections(workload.writers),
        store: storeRun,
        plain: plainRun,
        peer: peerRun,
        raw: rawRun,
        // The control shares the SQL store's counter: its appends are counted out by the same measure.
        grouped: storeGroups / Math.max(1, appends.store + appends.plain),
      };
    } finally {
      await peer?.close();
      await backend.releaseRaw(raw);
    }
  } finally {
    await backend.releaseStore(opened);
  }
}

/** Tops both sides up to READ_EVENTS, then reads the first READ_EVENTS in pages, as often as fits in the window. */
async function measureReads(backend: Backend, run: string): Promise<ReadFigures> {
  const opened = await backend.store(1);
  const { store } = opened;
  const raw = await backend.raw(1);
  try {
    let stored = 0;
    for (let after: LogPosition = LOG_START; stored < READ_EVENTS;) {
      const page = await store.readAll({ after, maxCount: 5_000 });
      if (page.events.length === 0) break;
      stored += page.events.length;
      after = page.checkedUpTo;
    }
    for (let seed = 0; stored < READ_EVENTS; seed++) {
      // One case per stream of 100 events: a page of 1000 decrypts with ten keys, as a projection's would.
      const caseId = newId();
      const events = Array.from({ length: 100 }, (_, i) => makeEvent(0, i, caseId));
      await store.appendToStream(`bench-${run}-seed-${seed}`, events, { expectedRevision: NO_STREAM });
      stored += events.length;
    }
    for (let rows = await raw.count(), seed = 0; rows < READ_EVENTS; seed++, rows += 100) {
      const events = Array.from({ length: 100 }, (_, i) => makeEvent(0, i));
      await raw.insert(rawInsert(raw.schema, 100), rawParams(`bench-${run}-seed-${seed}`, 0, events));
    }

    // One operation is one page; each side walks the first READ_EVENTS events, then starts over.
    let storeCursor: { read: number; after: LogPosition } = { read: 0, after: LOG_START };
    let rawCursor = { read: 0, afterId: 0 };
    const [storeRead, rawRead] = await runInterleaved(
      { workers: 1, seconds: READ_SECONDS, warmupSeconds: WARMUP_SECONDS, rounds: ROUNDS },
      async () => {
        if (storeCursor.read >= READ_EVENTS) storeCursor = { read: 0, after: LOG_START };
        const page = await store.readAll({
          after: storeCursor.after,
          maxCount: Math.min(READ_PAGE, READ_EVENTS - storeCursor.read),
        });
        if (page.events.length === 0) throw new Error(`the store holds fewer than ${READ_EVENTS} events`);
        storeCursor = { read: storeCursor.read + page.events.length, after: page.checkedUpTo };
        return page.events.length;
      },
      async () => {
        if (rawCursor.read >= READ_EVENTS) rawCursor = { read: 0, afterId: 0 };
        const page = await raw.readPage(rawCursor.afterId, Math.min(READ_PAGE, READ_EVENTS - rawCursor.read));
        if (page.count === 0) throw new Error(`the raw table holds fewer than ${READ_EVENTS} rows`);
        rawCursor = { read: rawCursor.read + page.count, afterId: page.lastId };
        return page.count;
      },
    );
    return { backend: backend.label, events: READ_EVENTS, storeRate: rate(storeRead), rawRate: rate(rawRead) };
  } finally {
    await backend.releaseRaw(raw);
    await backend.releaseStore(opened);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = performance.now();
  const run = randomUUID().replaceAll('-', '').slice(0, 12);
  const date = new Date();
  const appends: AppendFigures[] = [];
  const reads: ReadFigures[] = [];
  const environment: [string, string][] = machineRows();
  const backendLabels: Record<string, string> = {};

  for (const key of BACKENDS) {
    let backend: Backend;
    if (key === 'postgres') backend = await postgresBackend(run);
    else if (key === 'pglite-memory') backend = await pgliteBackend(run, false);
    else if (key === 'pglite-disk') backend = await pgliteBackend(run, true);
    else throw new Error(`unknown backend ${key} (use postgres, pglite-memory, pglite-disk)`);
    backendLabels[key] = backend.label;
    environment.push(...backend.facts);
    try {
      for (const workload of WORKLOADS) {
        process.stdout.write(`${backend.label}: ${workload.name}, ${workload.writers} writer(s)... `);
        const figures = await measureAppends(backend, run, workload);
        appends.push(figures);
        const peerText = figures.peer ? `, Emmett ${formatRate(rate(figures.peer))}` : '';
        console.log(`${formatRate(rate(figures.store))} events/s (raw ${formatRate(rate(figures.raw))}${peerText})`);
      }
      process.stdout.write(`${backend.label}: readAll... `);
      const read = await measureReads(backend, run);
      reads.push(read);
      console.log(`${formatRate(read.storeRate)} events/s (raw ${formatRate(read.rawRate)})`);
    } finally {
      await backend.dispose();
    }
  }
  if (!environment.some(([k]) => k === 'PGlite')) environment.push(['PGlite', pgliteVersion()]);

  const appendTable: Table = {
    title: 'Appends (exact expected revision; each writer appends to its own streams)',
    columns: [
      'Backend',
      'Workload',
      'Writers',
      'Connections',
      'Appends/s',
      'Events/s',
      'p50',
      'p99',
      'Grouped',
      'Emmett events/s',
      'Store / Emmett',
      'Raw INSERT events/s',
      'Store / raw',
      'Unencrypted events/s',
      'Unencrypted / Emmett',
    ],
    align: [
      'left',
      'left',
      'right',
      'left',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
    ],
    rows: appends.map((f) => [
      f.backend,
      f.workload.name,
      String(f.workload.writers),
      f.connections,
      formatRate(f.store.operations / f.store.seconds),
      formatRate(rate(f.store)),
      formatMs(percentile(f.store.latenciesMs, 50)),
      formatMs(percentile(f.store.latenciesMs, 99)),
      `${Math.round(f.grouped * 100)} %`,
      f.peer ? formatRate(rate(f.peer)) : 'n/a',
      f.peer ? formatRatio(rate(f.store) / rate(f.peer)) : 'n/a',
      formatRate(rate(f.raw)),
      formatRatio(rate(f.store) / rate(f.raw)),
      formatRate(rate(f.plain)),
      f.peer ? formatRatio(rate(f.plain) / rate(f.peer)) : 'n/a',
    ]),
  };
  const readTable: Table = {
    title: `readAll: the first ${READ_EVENTS.toLocaleString('en-US')} events of the log in pages of ${READ_PAGE}`,
    columns: ['Backend', 'Store events/s', 'Raw SELECT events/s', 'Store / raw'],
    align: ['left', 'right', 'right', 'right'],
    rows: reads.map((r) => [
      r.backend,
      formatRate(r.storeRate),
      formatRate(r.rawRate),
      formatRatio(r.storeRate / r.rawRate),
    ]),
  };

  const targets: Target[] = [];
  const find = (key: string, writers: number, batch: number): AppendFigures | undefined =>
    appends.find(
      (f) => f.backend === backendLabels[key] && f.workload.writers === writers && f.workload.batch === batch,
    );
  for (const batch of [1, 10]) {
    const f = find('postgres', 8, batch);
    if (!f) continue;
    const ratio = rate(f.store) / rate(f.raw);
    targets.push({
      description: `PostgreSQL ${batch === 1 ? 'single-event' : '10-event batch'} appends, 8 writers ≥ 0.5× raw INSERT`,
      actual: `${formatRatio(ratio)} (${formatRate(rate(f.store))} vs ${formatRate(rate(f.raw))} events/s)`,
      met: ratio >= 0.5,
    });
  }
  const single = find('postgres', 8, 1);
  if (single?.peer) {
    const ratio = rate(single.store) / rate(single.peer);
    targets.push({
      description: `PostgreSQL single-event appends, 8 writers ≥ 1.5× Emmett ${emmettVersion() ?? ''}`.trimEnd(),
      actual: `${formatRatio(ratio)} (${formatRate(rate(single.store))} vs ${formatRate(rate(single.peer))} events/s)`,
      met: ratio >= 1.5,
    });
  }
  for (const r of reads) {
    targets.push({
      description: `${r.backend} readAll ≥ 50,000 events/s`,
      actual: `${formatRate(r.storeRate)} events/s`,
      met: r.storeRate >= 50_000,
    });
  }
  for (const key of ['pglite-memory', 'pglite-disk']) {
    const f = find(key, 1, 1);
    if (!f) continue;
    const appendsPerSecond = f.store.operations / f.store.seconds;
    targets.push({
      description: `${f.backend} ≥ 1,000 single-event appends/s (1 writer)`,
      actual: `${formatRate(appendsPerSecond)} appends/s`,
      met: appendsPerSecond >= 1_000,
    });
  }

  const report = {
    id: 'store',
    title: 'Event store (bench:store)',
    command: 'npm run bench:store',
    date,
    environment,
    method: [
      `Each append figure is measured over ${SECONDS} s (readAll: ${READ_SECONDS} s), after a ${WARMUP_SECONDS} s ` +
        `warm-up, in ${ROUNDS} slices alternating with Emmett, the control and the raw baseline on the same database in the same ` +
        'process (each round starts with a different side), so background load falls on all sides alike. ' +
        'Appends use the exact expected revision ' +
        `(NO_STREAM for a stream's first append); each writer round-robins over ${STREAMS_PER_WRITER} streams of its own, ` +
        `so there are no conflicts. Events carry ${DATA_BYTES} bytes of JSON data and ${METADATA_BYTES} bytes of JSON metadata.`,
      "The store is measured as the platform runs it: hash chains (ADR 0012), each case's survivor encrypted with the " +
        "case's own key by the personal-data protection, group commit of concurrent appends (ADR 0032). `Grouped` is " +
        'the share of its appends that were committed in a group of more than one (the control below included).',
      '`Unencrypted` is a control, in its own slices of the same rounds: the same SQL store (hash chains, group ' +
        'commit) with the personal-data protection left out, so nothing is encrypted. The platform never runs so; ' +
        'the difference from the store is what encrypting costs the writer.',
      `Emmett ${emmettVersion() ?? '(not installed)'}: \`@event-driven-io/emmett-postgresql\`'s \`getPostgreSQLEventStore\` ` +
        'over a `pg` Pool with one client per writer, on the same database (its default schema), appending the same ' +
        'events (type, data and metadata) with the exact expected stream version. It has no hash chain and no ' +
        'encryption. Installed apart from the workspace by `npm ci --prefix infra/bench-peers`.',
      'Raw baseline: one autocommit `INSERT` per append (a 10-row multi-`VALUES` insert for batches) of the same ' +
        'columns and JSON into a plain table (identity primary key, no other index or constraint), over a `pg` Pool ' +
        'with one client per writer on PostgreSQL and the single PGlite connection on PGlite. The PostgreSQL store ' +
        'gets one pooled connection per writer and one more (the key store), plus the one it holds for LISTEN. ' +
        'The PostgreSQL run uses a database of its own, created for the run and dropped after it. readAll is paged with `checkedUpTo` ' +
        'and decrypts every survivor it reads (one case per 100 events); its baseline is a keyset `SELECT` of the ' +
        'same columns by primary key with the same page size, decrypting nothing.',
      'PGlite runs in this process: "in memory" is `dataDir` unset, "temp dir" is a fresh directory under the OS ' +
        'temp dir; in both, concurrent writers queue on its single connection.',
    ],
    tables: [appendTable, readTable],
    targets,
    notes: [`Total bench time: ${((performance.now() - started) / 1000).toFixed(0)} s.`],
  };

  console.log(`\n${renderConsoleReport(report)}\n`);
  const file = await writeReportSection(report);
  console.log(`wrote the "store" section of ${file}`);
  if (process.env.BENCH_STRICT === '1' && targets.some((t) => !t.met)) process.exitCode = 1;
}

// A bench that hangs (a lock, a lost wake-up) must not hang CI: fail after BENCH_TIMEOUT_SECONDS (default 600).
setTimeout(
  () => {
    console.error('bench:store timed out');
    process.exit(1);
  },
  Number(process.env.BENCH_TIMEOUT_SECONDS ?? '600') * 1000,
).unref();

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
