/**
 * How cost grows with the log: for logs of several sizes, shaped like the demo seed's (tools/growth/generate-log.ts),
 * the append latency onto that log, the console's queue and case queries, and the rebuild of every read model.
 *
 *   npm run bench:growth                               sizes 10000,100000
 *   npm run bench:growth -- --sizes 10000,100000,1000000 --seed 1
 *   --full-max 100000                                  sizes above it: the log and its appends only (rebuilding every
 *                                                      read model of a million events takes most of an hour)
 *   --keep                                             keep the generated databases for the next run (default: drop)
 *   BENCH_STRICT=1                                     exit 1 when a target is missed
 *   DATABASE_URL                                       the PostgreSQL server (any database: the bench creates its own)
 *
 * Each size gets a database `pamoja_growth_<size>_s<seed>` and a key directory under the OS temp dir. With --keep
 * both stay, and a later run with the same size and seed reuses them instead of writing the log again (the log
 * then also holds the earlier runs' probe appends: the event count is read from the log, not assumed).
 * Writes its section of docs/benchmarks.md (see bench-report.ts).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { compareLogPositions } from '@pamoja/contracts';
import {
  CHECKPOINT_SCHEMA,
  EVENT_STORE,
  type EventStore,
  NO_STREAM,
  PostgresDatabase,
  ProjectionRunner,
  SqlEventStore,
  Upcasters,
  type SqlDatabase,
} from '@pamoja/event-store';
import { DEFAULT_CATALOGUE } from '@pamoja/messaging';
import { type GraphqlClient } from '@pamoja/platform/graphql';
import { openProtectedEventStore } from '@pamoja/platform/privacy';
import { createKafka, EventRelay, KafkaMessagePublisher, SharedEvents } from '@pamoja/platform/kafka';
import { Projections } from '@pamoja/platform/store';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the read models exactly as `npm run projections` rebuilds them
import { embeddedProjections } from '../../apps/platform/src/backup/projection-check.js';
// eslint-disable-next-line @nx/enforce-module-boundaries -- and the same upcasters
import { ALL_UPCASTERS } from '../../apps/platform/src/contexts.js';
import {
  compileTemplate,
  generateLog,
  openGrowthStore,
  seedTemplate,
  templateCopy,
  type CompiledTemplate,
  type CopyAppend,
  type SeedTemplate,
} from '../growth/generate-log.js';
import { provisionedTopics } from './provisioned-topics.js';
import { type FixturePlatform, startFixturePlatform } from '../upgrade/fixture-platform.js';
import { type FixtureActor } from '../upgrade/fixture-format.js';
import {
  formatMs,
  formatRate,
  formatRatio,
  loadRow,
  machineRows,
  percentile,
  renderConsoleReport,
  workspaceRoot,
  writeReportSection,
  type BenchReport,
  type Table,
  type Target,
} from './bench-report.js';

const ADMIN_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/**
 * One writer's timed appends per size. The p99 of 400 was the fourth slowest, and moved between 1.15× and 2.04× of
 * 10,000's from run to run on the same code; 1,500 gave 0.97× on the same logs right after a run that said 2.04×
 * (2026-12-07, docs/benchmarks.md). About 4 s more per size.
 */
const SINGLE_WRITER_APPENDS = 1500;
const EIGHT_WRITER_APPENDS = 1600;
const WARMUP_APPENDS = 100;
const QUERY_SAMPLES = 600;
const QUERY_WARMUP = 30;
/** Within this factor of the smallest size's figure at the largest size. */
const GROWTH_FACTOR = 1.5;
const REBUILD_TARGET = 20_000;
/** The broker the relay's catch-up is measured against (the local one of infra/kafka). */
const KAFKA_BROKER = '127.0.0.1:9092';
const RELAY_TIMEOUT_MS = 15 * 60_000;
/** The longest the platform may take at start to bring every read model and reaction to the head of the log. */
const SETTLE_TIMEOUT_MS = 15 * 60_000;

const POLICE: FixtureActor = {
  userId: 'pnc-pmh-masisi-user',
  agencyId: 'pnc-pmh-masisi',
  agencyType: 'police',
  roles: ['investigator'],
};

// ---------------------------------------------------------------------------------------------------------------
// Databases
// ---------------------------------------------------------------------------------------------------------------

function databaseUrl(name: string): string {
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function databaseExists(name: string): Promise<boolean> {
  return admin(async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1);
}

async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

async function createDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
}

/**
 * Writes out what the server holds dirty before the latencies are timed: the logs just written and their rebuilds
 * (gigabytes at a million events) are otherwise still being written out by the checkpointer for minutes, and the
 * appends timed meanwhile measure that moment rather than the log's size (one writer's p99 at a million events was
 * 1.67× of 10,000's in one run and 1.15× in the next, on the same code, 2026-12-07). Checkpoints that fall due
 * during the rounds fall on every size alike. A note when the server refuses it (CHECKPOINT needs a superuser or
 * pg_checkpoint).
 */
async function checkpointBeforeTiming(): Promise<string | undefined> {
  try {
    await admin((c) => c.query('CHECKPOINT'));
    return undefined;
  } catch (error) {
    return `No CHECKPOINT before the latencies (${error instanceof Error ? error.message : String(error)}): the appends may have been timed while the logs just written were still being written out.`;
  }
}

async function postgresVersion(): Promise<string> {
  return admin(async (c) => {
    const { rows } = await c.query<{ server_version: string }>('SHOW server_version');
    return rows[0]?.server_version ?? 'unknown';
  });
}

// ---------------------------------------------------------------------------------------------------------------
// One size
// ---------------------------------------------------------------------------------------------------------------

interface LogFacts {
  readonly events: number;
  readonly generated: boolean;
  readonly generateSeconds?: number;
  readonly generateRate?: number;
  readonly eventsTableMiB: number;
  readonly copies: number;
}

interface RebuildFigure {
  readonly projection: string;
  readonly applied: number;
  readonly seconds: number;
}

interface Latency {
  readonly p50: number;
  readonly p99: number;
  readonly samples: number;
}

/** A size's log and rebuilds, measured one size after the other; its latencies come later, in rounds. */
type BuiltSize = Omit<SizeFigures, 'append1' | 'append8' | 'queries' | 'relay'>;

interface SizeFigures {
  readonly size: number;
  readonly log: LogFacts;
  readonly rebuild: readonly RebuildFigure[];
  readonly append1: Latency;
  readonly append8: Latency;
  /** Whether its read models were built (not above --full-max), so its queries are measured. */
  readonly full: boolean;
  /** Absent for a size above --full-max: its read models were not built. */
  readonly queries?: QueryFigures;
  /** Absent when no Kafka broker answers. */
  readonly relay?: RelayFigure;
}

/** The relay publishing the whole log to Kafka from its start, as a new relay (or one after a rebuild) does. */
interface RelayFigure {
  /** Log positions it went through. */
  readonly events: number;
  /** Integration events it published (the catalogue shares only some event types). */
  readonly published: number;
  readonly seconds: number;
}

interface QueryFigures {
  readonly queue: Latency;
  readonly caseQuery: Latency;
  readonly queueRows: number;
  readonly incomingTotal: number;
  /** From the platform's start until every read model and reaction it runs was live at the log's head, at rest. */
  readonly settleSeconds: number;
  /** Overdue deadlines of the generated log the platform escalated before it was at rest. */
  readonly escalatedAtStart: number;
}

function latencyOf(samples: readonly number[]): Latency {
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), samples: samples.length };
}

interface Marker {
  readonly seed: number;
  readonly size: number;
  readonly copies: number;
  readonly generatedAt: string;
}

async function prepareLog(
  size: number,
  seed: number,
  keysDir: string,
  name: string,
  template: () => Promise<SeedTemplate>,
): Promise<LogFacts> {
  const markerFile = path.join(keysDir, 'growth-log.json');
  let generated: { seconds: number; rate: number } | undefined;
  let marker: Marker | undefined;
  if (existsSync(markerFile) && (await databaseExists(name))) {
    marker = JSON.parse(await readFile(markerFile, 'utf8')) as Marker;
    console.log(`[${size}] reusing ${name} (written ${marker.generatedAt})`);
  } else {
    await dropDatabase(name);
    await rm(keysDir, { recursive: true, force: true });
    await createDatabase(name);
    await mkdir(keysDir, { recursive: true });
    console.log(`[${size}] writing a log of ${size} events into ${name}`);
    const result = await generateLog({
      events: size,
      seed,
      dataDir: keysDir,
      databaseUrl: databaseUrl(name),
      template: await template(),
      log: (line) => {
        console.log(`[${size}] ${line}`);
      },
    });
    generated = { seconds: result.seconds, rate: result.eventsPerSecond };
    marker = { seed, size, copies: result.copies, generatedAt: new Date().toISOString() };
    await writeFile(markerFile, `${JSON.stringify(marker, null, 2)}\n`);
  }
  const facts = await admin(async () => {
    const client = new pg.Client({ connectionString: databaseUrl(name) });
    await client.connect();
    try {
      const { rows } = await client.query<{ events: string; bytes: string }>(
        `SELECT (SELECT count(*) FROM event_store.events) AS events,
                pg_total_relation_size('event_store.events') AS bytes`,
      );
      return { events: Number(rows[0]?.events ?? 0), bytes: Number(rows[0]?.bytes ?? 0) };
    } finally {
      await client.end();
    }
  });
  return {
    events: facts.events,
    generated: generated !== undefined,
    ...(generated ? { generateSeconds: generated.seconds, generateRate: generated.rate } : {}),
    eventsTableMiB: facts.bytes / 1024 ** 2,
    copies: marker.copies,
  };
}

/** Every read model rebuilt from the whole log, one after the other, as `npm run projections rebuild --all` does. */
async function rebuildAll(db: SqlDatabase, keysDir: string, size: number): Promise<RebuildFigure[]> {
  const store = await openProtectedEventStore(
    db,
    { dataDir: keysDir, masterKey: undefined, mode: 'embedded' },
    { upcasters: Upcasters.of(...ALL_UPCASTERS) },
  );
  const projections = embeddedProjections();
  const runner = new ProjectionRunner(store, db, projections);
  const figures: RebuildFigure[] = [];
  try {
    for (const projection of projections) {
      const started = performance.now();
      let lastLine = started;
      const applied = await runner.rebuild(projection.name, ({ processed, position, head }) => {
        const now = performance.now();
        if (now - lastLine < 5000) return;
        lastLine = now;
        console.log(
          `[${size}]   ${projection.name}: ${position.globalPosition}/${head.globalPosition} log positions, ` +
            `${processed} events`,
        );
      });
      const seconds = (performance.now() - started) / 1000;
      figures.push({ projection: projection.name, applied, seconds });
      console.log(`[${size}] rebuilt ${projection.name}: ${applied} events in ${seconds.toFixed(1)} s`);
    }
  } finally {
    await store.close();
  }
  return figures;
}

/**
 * Single-event appends of new streams, as copies of the seed write them: a mine site registered (no personal data)
 * and a victim registered for assistance (personal fields encrypted under a new person's key), alternately.
 */
const PROBE_TYPES = ['MineSiteRegistered', 'VictimRegistered'];

function probeAppends(template: CompiledTemplate, seed: number, firstCopy: number, count: number): CopyAppend[] {
  const out: CopyAppend[] = [];
  for (let copy = firstCopy; out.length < count; copy++) {
    for (const append of templateCopy(template, { seed, copy, copies: 1, now: Date.now(), batch: 'command' })) {
      const [event] = append.events;
      if (append.events.length === 1 && append.revisionBefore < 0 && event && PROBE_TYPES.includes(event.type)) {
        out.push(append);
      }
    }
  }
  return out.slice(0, count);
}

/**
 * Single-event appends onto every size's log in the same turns: each turn gives each size `writers` concurrent
 * writers for 25 appends a writer, the sizes' order turning, so the machine's moments fall on every size alike.
 * The first WARMUP_APPENDS of each size are not timed.
 */
async function appendLatenciesInterleaved(
  sizes: readonly number[],
  seed: number,
  template: CompiledTemplate,
  writers: number,
  count: number,
): Promise<ReadonlyMap<number, Latency>> {
  const turn = 25 * writers;
  const open: { size: number; db: PostgresDatabase; store: EventStore; probes: CopyAppend[]; samples: number[] }[] = [];
  try {
    for (const size of sizes) {
      const db = new PostgresDatabase({
        connectionString: databaseUrl(`pamoja_growth_${size}_s${seed}`),
        applicationName: 'pamoja-growth-bench',
        poolSize: 12,
      });
      const entry = { size, db, store: undefined as EventStore | undefined };
      try {
        const store = await openGrowthStore(db, path.join(os.tmpdir(), 'pamoja-growth', `${size}-s${seed}`));
        entry.store = store;
        const head = await store.headPosition();
        // Copies numbered past anything written before (the head only grows), so every probe is a new stream.
        const probes = probeAppends(template, seed, 1_000_000 + head.globalPosition, WARMUP_APPENDS + count);
        open.push({ size, db, store, probes, samples: [] });
      } catch (error) {
        await entry.store?.close();
        await db.close();
        throw error;
      }
    }
    const turns = Math.ceil((WARMUP_APPENDS + count) / turn);
    for (let t = 0; t < turns; t++) {
      for (let k = 0; k < open.length; k++) {
        const target = open[(t + k) % open.length];
        if (!target) continue;
        const end = Math.min(target.probes.length, (t + 1) * turn);
        let next = t * turn;
        const writer = async (): Promise<void> => {
          for (let i = next++; i < end; i = next++) {
            const probe = target.probes[i];
            if (!probe) continue;
            const started = performance.now();
            await target.store.appendToStream(probe.streamId, probe.events, { expectedRevision: NO_STREAM });
            if (i >= WARMUP_APPENDS) target.samples.push(performance.now() - started);
          }
        };
        await Promise.all(Array.from({ length: writers }, () => writer()));
      }
    }
    return new Map(open.map((o) => [o.size, latencyOf(o.samples)]));
  } finally {
    for (const o of open) {
      await o.store.close();
      await o.db.close();
    }
  }
}

/** A GraphQL document of the console, read from its source: the bench asks exactly what the console asks. */
async function consoleDocument(file: string, name: string): Promise<string> {
  const source = await readFile(path.join(workspaceRoot(), 'apps', 'console', 'src', 'features', file), 'utf8');
  const found = new RegExp(`export const ${name} = graphql\\(\`([\\s\\S]*?)\`\\)`).exec(source);
  if (!found?.[1]) throw new Error(`no document ${name} in the console's ${file}`);
  return found[1];
}

/**
 * Waits until the platform is at rest, and says how long that took from its start and how many overdue deadlines it
 * escalated meanwhile. The log is generated straight into the store, so the reactions (the investigation's
 * acknowledgement of a case file received, say) have no checkpoint yet and go through the whole log on this first
 * start, and every deadline the generated cases left open and past due is escalated by the deadline watcher (100
 * every 2 s), each an append its read models then apply: a running platform would have done both long before.
 * Queries are timed on a platform at rest, not one still catching up.
 */
async function settled(platform: FixturePlatform, started: number): Promise<{ seconds: number; escalated: number }> {
  const projections = platform.app.get(Projections, { strict: false });
  const shared = platform.app.get(SharedEvents, { strict: false });
  const store = platform.app.get<EventStore>(EVENT_STORE, { strict: false });
  let lastLine = performance.now();
  let escalated = 0;
  const live = async (): Promise<void> => {
    for (;;) {
      const head = await store.headPosition();
      // The read models and the reactions fed from the log (the receipt of a case file, which replays every
      // CaseFileReceived of the generated log through its command on a first start).
      const status = [...projections.status(), ...shared.reactorStatus()];
      const failing = status.find((s) => s.state === 'failing');
      if (failing) throw new Error(`${failing.name} is failing: ${failing.lastError ?? 'no reason given'}`);
      const behind = status.filter((s) => s.state !== 'live' || compareLogPositions(s.position, head) < 0);
      const now = performance.now();
      if (behind.length === 0) return;
      if (now - started > SETTLE_TIMEOUT_MS) {
        throw new Error(`not live within ${SETTLE_TIMEOUT_MS / 1000} s: ${behind.map((s) => s.name).join(', ')}`);
      }
      if (now - lastLine > 5000) {
        lastLine = now;
        console.log(`  catching up: ${behind.map((s) => `${s.name} at ${s.position.globalPosition}`).join(', ')}`);
      }
      await sleep(200);
    }
  };
  await live();
  // The watcher's own look, called until it finds nothing due, as the seed does, each batch's escalations applied by
  // the read models (the pending deadlines among them) before the next look.
  for (let raised = await projections.checkDeadlines(); raised > 0; raised = await projections.checkDeadlines()) {
    escalated += raised;
    await live();
  }
  return { seconds: (performance.now() - started) / 1000, escalated };
}

/** A size's platform, started on its database and at rest, with what its queries ask for. */
interface QueryTarget {
  readonly size: number;
  readonly platform: FixturePlatform;
  readonly police: GraphqlClient;
  readonly cases: readonly string[];
  readonly queueRows: number;
  readonly incomingTotal: number;
  readonly settleSeconds: number;
  readonly escalatedAtStart: number;
}

async function startQueryTarget(size: number, seed: number): Promise<QueryTarget> {
  const name = `pamoja_growth_${size}_s${seed}`;
  const keysDir = path.join(os.tmpdir(), 'pamoja-growth', `${size}-s${seed}`);
  const url = databaseUrl(name);
  const db = new PostgresDatabase({ connectionString: url, applicationName: 'pamoja-growth-bench', poolSize: 2 });
  let cases: string[];
  let incomingTotal: number;
  try {
    // Full cases (referral to the police, investigation, prosecution, assistance), spread over the log.
    cases = (
      await db.query<{ id: string }>(
        `SELECT p.metadata->>'jointCaseId' AS id
         FROM event_store.events p JOIN event_store.events r ON r.metadata->>'jointCaseId' = p.metadata->>'jointCaseId'
         WHERE p.event_type = 'CaseFileReceived' AND r.event_type = 'ReferralSubmitted' AND r.data->>'toAgencyId' = $2
         GROUP BY 1 ORDER BY md5(p.metadata->>'jointCaseId' || $1) LIMIT 50`,
        [String(seed), POLICE.agencyId],
      )
    ).map((r) => r.id);
    if (cases.length === 0) throw new Error('no full case in the log');
    const [counted] = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM referrals_read.referrals WHERE to_agency_id = $1`,
      [POLICE.agencyId],
    );
    incomingTotal = Number(counted?.n ?? 0);
  } finally {
    await db.close();
  }
  const started = performance.now();
  const platform = await startFixturePlatform({ dataDir: keysDir, databaseUrl: url, clock: { now: () => new Date() } });
  try {
    const { seconds: settleSeconds, escalated: escalatedAtStart } = await settled(platform, started);
    console.log(`[${size}] platform at rest ${settleSeconds.toFixed(1)} s after its start`);
    const police = await platform.clientFor(POLICE);
    return { size, platform, police, cases, queueRows: 0, incomingTotal, settleSeconds, escalatedAtStart };
  } catch (error) {
    await platform.stop();
    throw error;
  }
}

async function timed(
  client: GraphqlClient,
  document: string,
  variables: Record<string, unknown>,
): Promise<{ ms: number; data: unknown }> {
  const started = performance.now();
  const result = await client.request(document, variables);
  const ms = performance.now() - started;
  if (result.errors?.length || !result.data) {
    throw new Error(`query failed: ${JSON.stringify(result.errors ?? result.status).slice(0, 500)}`);
  }
  return { ms, data: result.data };
}

/**
 * The console's queue and case page asked of every size's platform in the same rounds: each round asks each
 * platform once for each document, the sizes' order turning from round to round, so what the machine does
 * meanwhile (another process, a burst of I/O) falls on every size alike and the ratio between them is the
 * log's doing. All platforms are started and at rest before the first round.
 */
async function measureQueriesInterleaved(
  sizes: readonly number[],
  seed: number,
): Promise<ReadonlyMap<number, QueryFigures>> {
  const queueDocument = await consoleDocument('queues/documents.ts', 'IncomingReferralsQuery');
  const caseDocument = await consoleDocument('case/documents.ts', 'CaseQuery');
  const targets: QueryTarget[] = [];
  try {
    for (const size of sizes) targets.push(await startQueryTarget(size, seed));
    const samples = new Map(
      targets.map((t) => [t.size, { queue: [] as number[], caseQuery: [] as number[], rows: 0 }]),
    );
    for (let round = 0; round < QUERY_WARMUP + QUERY_SAMPLES; round++) {
      for (let k = 0; k < targets.length; k++) {
        const target = targets[(round + k) % targets.length] as QueryTarget;
        const mine = samples.get(target.size) as { queue: number[]; caseQuery: number[]; rows: number };
        const queue = await timed(target.police, queueDocument, { filter: { first: 20 } });
        const page = await timed(target.police, caseDocument, {
          id: target.cases[round % target.cases.length],
          first: 50,
        });
        if (round < QUERY_WARMUP) {
          mine.rows = (queue.data as { incomingReferrals: { nodes: unknown[] } }).incomingReferrals.nodes.length;
          continue;
        }
        mine.queue.push(queue.ms);
        mine.caseQuery.push(page.ms);
      }
    }
    return new Map(
      targets.map((t) => {
        const mine = samples.get(t.size) as { queue: number[]; caseQuery: number[]; rows: number };
        return [
          t.size,
          {
            queue: latencyOf(mine.queue),
            caseQuery: latencyOf(mine.caseQuery),
            queueRows: mine.rows,
            incomingTotal: t.incomingTotal,
            settleSeconds: t.settleSeconds,
            escalatedAtStart: t.escalatedAtStart,
          },
        ];
      }),
    );
  } finally {
    for (const target of targets) await target.platform.stop();
  }
}

async function measureSize(
  size: number,
  seed: number,
  template: () => Promise<SeedTemplate>,
  full: boolean,
): Promise<BuiltSize> {
  const name = `pamoja_growth_${size}_s${seed}`;
  const keysDir = path.join(os.tmpdir(), 'pamoja-growth', `${size}-s${seed}`);
  const log = await prepareLog(size, seed, keysDir, name, template);
  console.log(`[${size}] log: ${log.events} events, events table ${log.eventsTableMiB.toFixed(0)} MiB`);
  const url = databaseUrl(name);
  const db = new PostgresDatabase({ connectionString: url, applicationName: 'pamoja-growth-bench', poolSize: 12 });
  try {
    const rebuild = full ? await rebuildAll(db, keysDir, size) : [];
    // Each rebuild analysed its own read model; the log and the key table were written by the generator, and
    // autovacuum (off on some development clusters) would have analysed them within a minute or so.
    if (full) await db.query('ANALYZE');
    return { size, log, rebuild, full };
  } finally {
    await db.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Kafka
// ---------------------------------------------------------------------------------------------------------------

/**
 * A relay that starts from nothing (a new deployment, or topics rebuilt) catching up with the whole log: the relay
 * of server mode (`EventRelay`, its default batch of 1,000, the integration catalogue, an idempotent producer), on
 * topics of the bench's own, timed from its start until its position is the log's head.
 */
async function relayCatchUp(db: SqlDatabase, size: number): Promise<RelayFigure> {
  const suffix = randomBytes(4).toString('hex');
  const prefix = `bench-growth-${suffix}`;
  const checkpoint = `bench-growth-relay-${suffix}`;
  const kafka = createKafka({ brokers: [KAFKA_BROKER], clientId: 'pamoja-growth-bench' });
  const admin = kafka.admin();
  await admin.connect();
  const provisioned = [...provisionedTopics()].map(([name, partitions]) => ({
    topic: `${prefix}.${name}`,
    numPartitions: partitions,
  }));
  const topics = provisioned.map((t) => t.topic);
  const publisher = new KafkaMessagePublisher(kafka);
  let store: SqlEventStore | undefined;
  try {
    await admin.createTopics({ topics: provisioned, waitForLeaders: true });
    store = await SqlEventStore.open(db, { upcasters: Upcasters.of(...ALL_UPCASTERS) });
    const head = await store.headPosition();
    const relay = new EventRelay(store, db, publisher, DEFAULT_CATALOGUE, { name: checkpoint, topicPrefix: prefix });
    const started = performance.now();
    await relay.start();
    let lastLine = started;
    for (;;) {
      const status = relay.status();
      if (compareLogPositions(status.position, head) >= 0) break;
      if (status.state === 'failing') throw new Error(`the relay is failing: ${status.lastError ?? 'no reason given'}`);
      if (performance.now() - started > RELAY_TIMEOUT_MS) {
        throw new Error(
          `the relay did not catch up within ${RELAY_TIMEOUT_MS / 1000} s (at ${status.position.globalPosition})`,
        );
      }
      if (performance.now() - lastLine > 5000) {
        lastLine = performance.now();
        console.log(`[${size}]   relay: ${status.position.globalPosition}/${head.globalPosition} log positions`);
      }
      await sleep(20);
    }
    const seconds = (performance.now() - started) / 1000;
    const { published } = relay.status();
    await relay.stop();
    await db.query(`DELETE FROM ${CHECKPOINT_SCHEMA}.checkpoints WHERE projection = $1`, [checkpoint]);
    console.log(
      `[${size}] relay caught up: ${published} messages for ${head.globalPosition} positions in ${seconds.toFixed(1)} s`,
    );
    return { events: head.globalPosition, published, seconds };
  } finally {
    // The store's own listening connection too: left open, it kept the bench from exiting and its database from
    // being dropped.
    await store?.close();
    await publisher.close();
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  }
}

function kafkaAnswers(host = KAFKA_BROKER.split(':')[0], port = Number(KAFKA_BROKER.split(':')[1])): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 1000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------------------------

function rebuildRate(f: SizeFigures): { seconds: number; rate: number; slowest: RebuildFigure | undefined } {
  const seconds = f.rebuild.reduce((sum, r) => sum + r.seconds, 0);
  const slowest = [...f.rebuild].sort((a, b) => b.seconds - a.seconds)[0];
  return { seconds, rate: f.log.events / (slowest?.seconds ?? Number.NaN), slowest };
}

function report(figures: readonly SizeFigures[], date: Date, environment: [string, string][], notes: string[]) {
  const sizeLabel = (f: SizeFigures) => f.size.toLocaleString('en-US');
  const logTable: Table = {
    title: 'The logs',
    columns: ['Size', 'Events in the log', 'Events table', 'Written', 'Write rate (events/s)'],
    rows: figures.map((f) => [
      sizeLabel(f),
      f.log.events.toLocaleString('en-US'),
      `${f.log.eventsTableMiB.toFixed(0)} MiB`,
      f.log.generateSeconds !== undefined ? `${f.log.generateSeconds.toFixed(0)} s` : 'reused',
      f.log.generateRate !== undefined ? formatRate(f.log.generateRate) : '',
    ]),
  };
  const latencyTable: Table = {
    title: 'Latency onto each log (ms)',
    columns: [
      'Size',
      'Append p50, 1 writer',
      'Append p99, 1 writer',
      'Append p50, 8 writers',
      'Append p99, 8 writers',
      'Incoming referrals p50',
      'Incoming referrals p99',
      'Case p50',
      'Case p99',
      'Start until at rest',
      'Overdue deadlines escalated at start',
    ],
    rows: figures.map((f) => [
      sizeLabel(f),
      formatMs(f.append1.p50),
      formatMs(f.append1.p99),
      formatMs(f.append8.p50),
      formatMs(f.append8.p99),
      f.queries ? formatMs(f.queries.queue.p50) : 'not built',
      f.queries ? formatMs(f.queries.queue.p99) : 'not built',
      f.queries ? formatMs(f.queries.caseQuery.p50) : 'not built',
      f.queries ? formatMs(f.queries.caseQuery.p99) : 'not built',
      f.queries ? `${f.queries.settleSeconds.toFixed(1)} s` : 'not built',
      f.queries ? f.queries.escalatedAtStart.toLocaleString('en-US') : 'not built',
    ]),
  };
  const rebuilt = figures.filter((f) => f.rebuild.length > 0);
  const projections = rebuilt[0]?.rebuild.map((r) => r.projection) ?? [];
  const rebuildTable: Table = {
    title: 'Rebuild of each read model from the whole log (seconds; log events per second)',
    columns: ['Projection', ...rebuilt.flatMap((f) => [`${sizeLabel(f)}: s`, `${sizeLabel(f)}: events/s`])],
    rows: [
      ...projections.map((name) => [
        name,
        ...rebuilt.flatMap((f) => {
          const r = f.rebuild.find((x) => x.projection === name);
          return r ? [r.seconds.toFixed(1), formatRate(f.log.events / r.seconds)] : ['', ''];
        }),
      ]),
      [
        'all, one after the other',
        ...rebuilt.flatMap((f) => {
          const { seconds } = rebuildRate(f);
          return [seconds.toFixed(1), formatRate(f.log.events / seconds)];
        }),
      ],
    ],
    align: ['left', ...rebuilt.flatMap(() => ['right', 'right'] as const)],
  };
  const relayed = figures.filter((f) => f.relay);
  const relayTable: Table | undefined =
    relayed.length === 0
      ? undefined
      : {
          title: 'Relay catch-up: a relay starting from nothing publishes the whole log to Kafka',
          columns: ['Size', 'Log positions', 'Messages published', 'Seconds', 'Log positions/s', 'Messages/s'],
          rows: relayed.map((f) => {
            const r = f.relay as RelayFigure;
            return [
              sizeLabel(f),
              r.events.toLocaleString('en-US'),
              r.published.toLocaleString('en-US'),
              r.seconds.toFixed(1),
              formatRate(r.events / r.seconds),
              formatRate(r.published / r.seconds),
            ];
          }),
          align: ['left', 'right', 'right', 'right', 'right', 'right'],
        };
  const targets: Target[] = [];
  const base = figures[0];
  const top = figures.at(-1);
  if (base && top && top !== base) {
    const within = (label: string, a: number, b: number): Target => ({
      description: `${label} at ${sizeLabel(top)} within ${GROWTH_FACTOR}× of ${sizeLabel(base)}`,
      actual: `${formatRatio(b / a)} (${formatMs(a)} → ${formatMs(b)})`,
      met: b / a <= GROWTH_FACTOR,
    });
    const queried = figures.filter((f) => f.queries);
    const qBase = queried[0];
    const qTop = queried.at(-1);
    if (qBase?.queries && qTop?.queries && qTop !== qBase) {
      const at = (label: string, a: number, b: number): Target => ({
        ...within(label, a, b),
        description: `${label} at ${sizeLabel(qTop)} within ${GROWTH_FACTOR}× of ${sizeLabel(qBase)}`,
      });
      targets.push(at('Incoming referrals query p99', qBase.queries.queue.p99, qTop.queries.queue.p99));
      targets.push(at('Case query p99', qBase.queries.caseQuery.p99, qTop.queries.caseQuery.p99));
    }
    targets.push(within('Single-event append p99, 1 writer', base.append1.p99, top.append1.p99));
    targets.push(within('Single-event append p99, 8 writers', base.append8.p99, top.append8.p99));
  }
  for (const f of rebuilt) {
    const below = f.rebuild.filter((r) => f.log.events / r.seconds < REBUILD_TARGET);
    targets.push({
      description: `Rebuild of every read model ≥ ${formatRate(REBUILD_TARGET)} log events/s on PostgreSQL (${sizeLabel(f)})`,
      actual: `${below.length} of ${f.rebuild.length} below; slowest ${[...f.rebuild]
        .sort((a, b) => a.seconds - b.seconds)
        .slice(-3)
        .reverse()
        .map((r) => `${r.projection} ${formatRate(f.log.events / r.seconds)}`)
        .join(', ')}`,
      met: below.length === 0,
    });
  }
  return {
    id: 'growth',
    title: 'Cost as the log grows (bench:growth)',
    command: `npm run bench:growth -- --sizes ${figures.map((f) => f.size).join(',')}`,
    date,
    environment,
    method: [
      'Each log is written by `tools/growth/generate-log.ts`: whole copies of the demo seed’s scenario (its log, read ' +
        'back decrypted, every UUID, site code and date renewed per copy), appended through the platform’s event store ' +
        '(hash chains, personal fields encrypted under a key per person) by 8 writers, each stream of a copy in one ' +
        'append, into a PostgreSQL database of its own. The agency directory is registered once.',
      `Appends: single-event appends of new streams (a mine site registered, and a victim registered for assistance ` +
        `with its personal fields encrypted under a new person's key, alternately, as copies of the seed write them), through the same ` +
        `store, ${SINGLE_WRITER_APPENDS} with 1 writer and ${EIGHT_WRITER_APPENDS} with 8, after ${WARMUP_APPENDS} ` +
        'untimed ones; latency per append. Once every log is built, all sizes in the same turns (25 appends a ' +
        'writer per size per turn, the sizes’ order turning), so the machine’s moments fall on every size alike; a ' +
        '`CHECKPOINT` first, so that none is timed while the logs and read models just written are being written out.',
      'Rebuild: every read model of `npm run projections rebuild --all` (the same list, upcasters and runner), one after ' +
        'the other, from the whole log; the rate is the log’s events over that projection’s time (a projection reads ' +
        'only the event types it declares, but the whole log is what it has to get through).',
      'Relay catch-up (when a Kafka broker answers at ' +
        `${KAFKA_BROKER}): server mode's relay (\`EventRelay\` with its defaults) on topics of the bench's own, ` +
        'created as `infra/kafka/provision.sh` creates them, from no checkpoint to the log’s head, timed until its ' +
        'position is the head; it reads the log, keeps what the integration catalogue shares, and publishes each ' +
        'batch with an idempotent producer before moving its checkpoint. Run for every size after the appends and ' +
        'queries: the broker stays busy for a while after taking a million messages, on the same two cores.',
      `Queries: the embedded app over the same database (each read model analysed by its rebuild, the rest of the ` +
        `database after them, as autovacuum does within a minute or so), once it is at rest (“Start until at rest”: every ` +
        `read model and reaction live at the head of the log, and every deadline the generated cases left open and ` +
        `past due escalated; a running platform would have done both long before), asked the console’s ` +
        `own documents (read from apps/console): the police’s incoming referrals queue (first 20) and the case page ` +
        `(\`ConsoleCase\`, first 50 timeline entries) of 50 full cases spread over the log, ${QUERY_SAMPLES} requests ` +
        `each, one at a time, over HTTP, after ${QUERY_WARMUP} untimed ones. Every size's platform is started and ` +
        `at rest before the first request, and the sizes are asked in the same rounds (each round asks each size ` +
        `once for each document, the sizes' order turning), so what the machine does meanwhile falls on every size ` +
        `alike.`,
    ],
    tables: [logTable, latencyTable, rebuildTable, ...(relayTable ? [relayTable] : [])],
    targets,
    notes,
  } satisfies BenchReport;
}

// ---------------------------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '10000,100000' },
      seed: { type: 'string', default: '1' },
      keep: { type: 'boolean', default: false },
      'full-max': { type: 'string', default: '100000' },
    },
  });
  const sizes = values.sizes.split(',').map((s) => Number(s.trim()));
  if (sizes.some((s) => !Number.isInteger(s) || s <= 0)) throw new Error('--sizes takes positive integers');
  sizes.sort((a, b) => a - b);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error('--seed takes an integer');
  const fullMax = Number(values['full-max']);
  if (!Number.isInteger(fullMax)) throw new Error('--full-max takes an integer');
  const date = new Date();
  const started = performance.now();
  const environment: [string, string][] = [
    ...machineRows(),
    loadRow(),
    ['PostgreSQL', await postgresVersion()],
    ['Seed', String(seed)],
  ];
  let template: SeedTemplate | undefined;
  const getTemplate = async (): Promise<SeedTemplate> =>
    (template ??= await seedTemplate((l) => {
      console.log(l);
    }));
  let compiled: CompiledTemplate | undefined;
  const getCompiled = async (): Promise<CompiledTemplate> => (compiled ??= compileTemplate(await getTemplate()));
  const notes: string[] = [];
  const built: BuiltSize[] = [];
  const figures: SizeFigures[] = [];
  try {
    for (const size of sizes) {
      const full = size <= fullMax;
      if (!full)
        console.log(`[${size}] above --full-max ${fullMax}: the log and its appends only (no rebuild, no queries)`);
      built.push(await measureSize(size, seed, getTemplate, full));
      console.log(
        `[${size}] load average now ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' / ')}`,
      );
    }
    // Latencies once every log is built and written out, each in rounds over all sizes (see the two functions).
    const refused = await checkpointBeforeTiming();
    if (refused) notes.push(refused);
    const every = built.map((b) => b.size);
    const append1 = await appendLatenciesInterleaved(every, seed, await getCompiled(), 1, SINGLE_WRITER_APPENDS);
    const append8 = await appendLatenciesInterleaved(every, seed, await getCompiled(), 8, EIGHT_WRITER_APPENDS);
    const queried = await measureQueriesInterleaved(
      built.filter((b) => b.full).map((b) => b.size),
      seed,
    );
    // The relay last: publishing a million events leaves the broker busy for a while after, on the same cores.
    const relays = new Map<number, RelayFigure>();
    if (await kafkaAnswers()) {
      for (const b of built) {
        const db = new PostgresDatabase({
          connectionString: databaseUrl(`pamoja_growth_${b.size}_s${seed}`),
          applicationName: 'pamoja-growth-bench',
          poolSize: 4,
        });
        try {
          relays.set(b.size, await relayCatchUp(db, b.size));
        } finally {
          await db.close();
        }
      }
    }
    for (const b of built) {
      const relay = relays.get(b.size);
      const one = append1.get(b.size) as Latency;
      const eight = append8.get(b.size) as Latency;
      const queries = queried.get(b.size);
      figures.push({
        ...b,
        append1: one,
        append8: eight,
        ...(queries ? { queries } : {}),
        ...(relay ? { relay } : {}),
      });
      console.log(
        `[${b.size}] appends p99: 1 writer ${formatMs(one.p99)}, 8 writers ${formatMs(eight.p99)}` +
          (queries
            ? `; incoming referrals p99 ${formatMs(queries.queue.p99)}, case p99 ${formatMs(queries.caseQuery.p99)}` +
              ` (${queries.queueRows} rows of ${queries.incomingTotal} referrals to the police)`
            : ''),
      );
    }
  } finally {
    if (!values.keep) {
      for (const size of sizes) {
        await dropDatabase(`pamoja_growth_${size}_s${seed}`).catch(() => undefined);
        await rm(path.join(os.tmpdir(), 'pamoja-growth', `${size}-s${seed}`), { recursive: true, force: true });
      }
    }
  }
  notes.push(
    ...(figures.some((f) => f.relay)
      ? []
      : [`Relay catch-up not measured: no Kafka at ${KAFKA_BROKER} (start it with infra/kafka/start.sh).`]),
    'Embedded start time and RSS on a data directory of each size are not measured here (see the memory bench).',
    `Load average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}. Total bench time: ${((performance.now() - started) / 1000).toFixed(0)} s.`,
  );
  const result = report(figures, date, environment, notes);
  console.log(`\n${renderConsoleReport(result)}\n`);
  const file = await writeReportSection(result);
  console.log(`wrote the "growth" section of ${file}`);
  if (process.env.BENCH_STRICT === '1' && result.targets.some((t) => !t.met)) process.exitCode = 1;
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
}
