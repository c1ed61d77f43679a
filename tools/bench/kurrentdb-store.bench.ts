/**
 * The KurrentDB adapter's throughput against the in-process stand-in of the server (libs/testing), reported in a
 * section of its own: the stand-in is a test double in this process, so the figures are the adapter's and the
 * client's costs (gRPC, JSON, hash chains, encryption, the event-id index), never the server's speed.
 *
 *   npm run bench:store                                (runs it after the PostgreSQL and PGlite benches)
 *   node dist/tools/bench/kurrentdb-store.bench.js     (alone)
 *   BENCH_SECONDS=5                                    (longer measuring windows; default 2.5 s each)
 *
 * Skipped when BENCH_BACKENDS is set without `kurrentdb-stand-in`.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { LOG_START, type LogPosition } from '@pamoja/contracts';
import { KurrentDbEventStore, NO_STREAM, PgliteDatabase, type EventStore } from '@pamoja/event-store';
import { ProtectedEventStore, SqlPersonalDataKeys } from '@pamoja/platform/privacy';
// The stand-in alone: the testing library's index loads jest, which a built bench does not run under.
// eslint-disable-next-line @nx/enforce-module-boundaries -- the one module of libs/testing a bench needs, without jest
import { KurrentDbStandIn } from '../../libs/testing/src/kurrentdb/kurrentdb-stand-in.js';
import {
  formatMs,
  formatRate,
  machineRows,
  percentile,
  renderConsoleReport,
  runInterleavedAll,
  writeReportSection,
  type Table,
  type TimedRun,
} from './bench-report.js';
import { BENCH_PERSONAL_DATA, makeEvent } from './store-events.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? '2.5');
const WARMUP_SECONDS = Math.min(0.5, SECONDS / 4);
const ROUNDS = 4;
const STREAMS_PER_WRITER = 4;
const READ_EVENTS = 20_000;
const READ_PAGE = 1_000;
const BACKENDS = process.env.BENCH_BACKENDS?.split(',').map((b) => b.trim());

const WORKLOADS = [
  { name: 'single-event appends', writers: 1, batch: 1 },
  { name: 'single-event appends', writers: 8, batch: 1 },
  { name: '10-event batch appends', writers: 1, batch: 10 },
  { name: '10-event batch appends', writers: 8, batch: 10 },
] as const;

const rate = (run: TimedRun): number => run.units / run.seconds;

async function main(): Promise<void> {
  if (BACKENDS && !BACKENDS.includes('kurrentdb-stand-in')) {
    console.log('bench:store on the KurrentDB stand-in: skipped (BENCH_BACKENDS has no kurrentdb-stand-in)');
    return;
  }
  const started = performance.now();
  const loadAtStart = os.loadavg()[0] ?? 0;
  const run = randomUUID().replaceAll('-', '').slice(0, 12);
  const standIn = await KurrentDbStandIn.start();
  const keysDb = await PgliteDatabase.open();
  const inner = await KurrentDbEventStore.open({ connectionString: standIn.url, indexDatabase: keysDb });
  const keys = await SqlPersonalDataKeys.open(keysDb, Buffer.alloc(32, 3));
  const store: EventStore = new ProtectedEventStore(inner, keys, BENCH_PERSONAL_DATA);
  const rows: (readonly string[])[] = [];
  let readRate = 0;
  try {
    for (const workload of WORKLOADS) {
      process.stdout.write(`KurrentDB stand-in: ${workload.name}, ${workload.writers} writer(s)... `);
      const writers = Array.from({ length: workload.writers }, (_, w) =>
        Array.from({ length: STREAMS_PER_WRITER }, (_, s) => ({
          id: `bench-${run}-${workload.writers}x${workload.batch}-w${w}-s${s}`,
          revision: -1,
          caseId: randomUUID(),
          next: 0,
        })),
      );
      const turns = writers.map(() => 0);
      const [measured] = await runInterleavedAll(
        { workers: workload.writers, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, rounds: ROUNDS },
        [
          async (w, n) => {
            const own = writers[w];
            const stream = own?.[(turns[w] = (turns[w] ?? 0) + 1) % STREAMS_PER_WRITER];
            if (!stream) throw new Error('no writer');
            const events = Array.from({ length: workload.batch }, (_, i) =>
              makeEvent(w, n * workload.batch + i, stream.caseId),
            );
            const result = await store.appendToStream(stream.id, events, {
              expectedRevision: stream.revision < 0 ? NO_STREAM : stream.revision,
            });
            stream.revision = result.nextExpectedRevision;
            return workload.batch;
          },
        ],
      );
      if (!measured) throw new Error('the run lost its side');
      console.log(`${formatRate(rate(measured))} events/s`);
      rows.push([
        workload.name,
        String(workload.writers),
        formatRate(measured.operations / measured.seconds),
        formatRate(rate(measured)),
        formatMs(percentile(measured.latenciesMs, 50)),
        formatMs(percentile(measured.latenciesMs, 99)),
      ]);
    }

    process.stdout.write('KurrentDB stand-in: readAll... ');
    for (let seed = 0, stored = 0; stored < READ_EVENTS; seed++, stored += 100) {
      const caseId = randomUUID();
      const events = Array.from({ length: 100 }, (_, i) => makeEvent(0, i, caseId));
      await store.appendToStream(`bench-${run}-seed-${seed}`, events, { expectedRevision: NO_STREAM });
    }
    let cursor: { read: number; after: LogPosition } = { read: 0, after: LOG_START };
    const [reads] = await runInterleavedAll(
      { workers: 1, seconds: Math.max(1, SECONDS * 0.8), warmupSeconds: WARMUP_SECONDS, rounds: ROUNDS },
      [
        async () => {
          if (cursor.read >= READ_EVENTS) cursor = { read: 0, after: LOG_START };
          const page = await store.readAll({ after: cursor.after, maxCount: READ_PAGE });
          if (page.events.length === 0) cursor = { read: READ_EVENTS, after: LOG_START };
          else cursor = { read: cursor.read + page.events.length, after: page.checkedUpTo };
          return page.events.length;
        },
      ],
    );
    if (!reads) throw new Error('the read run lost its side');
    readRate = rate(reads);
    console.log(`${formatRate(readRate)} events/s`);
  } finally {
    await inner.close();
    await keysDb.close();
    await standIn.stop();
  }

  const appendTable: Table = {
    title: 'KurrentDbEventStore on the in-process stand-in: appends (exact expected revision, own streams per writer)',
    columns: ['Workload', 'Writers', 'Appends/s', 'Events/s', 'p50', 'p99'],
    align: ['left', 'right', 'right', 'right', 'right', 'right'],
    rows,
  };
  const readTable: Table = {
    title: `KurrentDbEventStore on the in-process stand-in: readAll, pages of ${READ_PAGE}`,
    columns: ['Events/s'],
    align: ['right'],
    rows: [[formatRate(readRate)]],
  };
  const report = {
    id: 'store-kurrentdb',
    title: 'Event store on the KurrentDB stand-in (bench:store), not a KurrentDB server',
    command: 'npm run bench:store',
    date: new Date(),
    environment: [
      ...machineRows(),
      ['Load average (1 min) at start', loadAtStart.toFixed(1)] as const,
      ['Server', 'the in-process stand-in of libs/testing (not KurrentDB)'] as const,
    ],
    method: [
      'The adapter as the platform runs it (ProtectedEventStore over KurrentDbEventStore, ADR 0035: hash chains, ' +
        "each case's survivor encrypted with its own key, keys in PGlite in memory) against the in-process stand-in " +
        `of the server, in the same process and on the same ${machineRows()[1]?.[1] ?? '?'} cores. The same events and ` +
        `workloads as the PostgreSQL bench, measured over ${SECONDS} s in ${ROUNDS} slices after a ${WARMUP_SECONDS} s ` +
        'warm-up. An append is three or four round trips (the event-id index, the previous event unless this process ' +
        'wrote or read it last, the write, the read-back).',
      'These figures measure the adapter, the client and the stand-in sharing one process: they say nothing about ' +
        "KurrentDB's speed, which is only measured against a real server (set KURRENTDB_URL).",
      'What KurrentDB publishes: no throughput or latency figures for the server that we could find in its ' +
        'documentation (server and client docs, searched 2026-12-06). A deployment measures its own server.',
    ],
    tables: [appendTable, readTable],
    targets: [],
    notes: [`Total bench time: ${((performance.now() - started) / 1000).toFixed(0)} s.`],
  };
  console.log(`\n${renderConsoleReport(report)}\n`);
  const file = await writeReportSection(report);
  console.log(`wrote the "store-kurrentdb" section of ${file}`);
}

setTimeout(
  () => {
    console.error('bench:store (KurrentDB stand-in) timed out');
    process.exit(1);
  },
  Number(process.env.BENCH_TIMEOUT_SECONDS ?? '600') * 1000,
).unref();

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
