/**
 * The knee of server mode: the load test's mixed workload (commands walking cases, reads of the queues and the
 * joint case, live subscriptions; as `npm run load` sends it) through the gateway at increasing rates, until a rate
 * no longer holds. A rate holds when the load test passes (no error; commands and reads achieved within 5% of their
 * targets) and the p99 of every command together is under 250 ms; the knee is the highest rate that held.
 *
 *   npm run bench:knee
 *   npm run bench:knee -- --rates 10,20,40 --seconds 30
 *   --rates <list>              commands per second, in order (default 10,20,40,60,80,100,140,200)
 *   --seconds <n>               the measured window of each rate (default 20), after 5 s of warm-up
 *   BENCH_BASE_PORT=4950        server mode's base port for the run (the gateway there, the services above it)
 *   BENCH_STRICT=1              exit 1 when a target is missed
 *   DATABASE_URL, KAFKA_BROKERS where PostgreSQL (any database: the bench creates its own) and Kafka are
 *
 * Runs the whole server mode once (`tools/server-mode.mjs`: the agency services, the relay and the gateway, from
 * dist/) on a database and topics of its own, and removes them at the end, also on failure. Every rate runs against
 * the same platform, one after the other, so the later rates find the cases of the earlier ones. Writes its section
 * of docs/benchmarks.md (see bench-report.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { DEFAULTS, runLoad, type LoadReport } from '../load/load.js';
import { BREAKDOWN_LEGEND, breakdownTable, renderBreakdown } from '../load/time-breakdown.js';
import { cpuSnapshot, cpuUsed, ELSEWHERE, MACHINE } from './process-cpu.js';
import {
  formatMs,
  loadRow,
  machineRows,
  renderConsoleReport,
  workspaceRoot,
  writeReportSection,
  type BenchReport,
  type Table,
  type Target,
} from './bench-report.js';
import { hasExited, startServerMode, stopAndRemoveServerMode } from './server-mode-process.js';

const ADMIN_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092')
  .split(',')
  .map((b) => b.trim())
  .filter((b) => b !== '');
const BASE_PORT = Number(process.env.BENCH_BASE_PORT ?? '4950');
const GATEWAY_URL = `http://127.0.0.1:${String(BASE_PORT)}/graphql`;
const DEFAULT_RATES = [10, 20, 40, 60, 80, 100, 140, 200];
const DEFAULT_SECONDS = 20;
const WARMUP_SECONDS = 5;
/** After server mode is up, before the first rate. */
const SETTLE_SECONDS = 10;
/** Then no load at all, to measure what the processes cost idle (Kafka consumers polling, feeds, health checks). */
const IDLE_SECONDS = 20;
const P99_TARGET_MS = 250;
const TARGET_RATE = 200;
const RATE_TOLERANCE = 0.05;

// ---------------------------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------------------------

interface Options {
  readonly rates: readonly number[];
  readonly seconds: number;
}

class UsageError extends Error {}

function parseOptions(argv: readonly string[]): Options {
  let rates = DEFAULT_RATES;
  let seconds = DEFAULT_SECONDS;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = (argv[i] ?? '').split('=', 2) as [string, string | undefined];
    const value = (): string => {
      const text = inline ?? argv[++i];
      if (text === undefined) throw new UsageError(`${flag} needs a value`);
      return text;
    };
    if (flag === '--rates') {
      const text = value();
      rates = text.split(',').map((r) => Number(r.trim()));
      if (rates.length === 0 || rates.some((r) => !Number.isFinite(r) || r <= 0 || r > 5000)) {
        throw new UsageError(`--rates must be commands per second separated by commas (e.g. 10,20,40), not ${text}`);
      }
    } else if (flag === '--seconds') {
      const text = value();
      seconds = Number(text);
      if (!Number.isFinite(seconds) || seconds < 1 || seconds > 600) {
        throw new UsageError(`--seconds must be a number from 1 to 600, not ${text}`);
      }
    } else if (flag === '--help' || flag === '-h') {
      throw new UsageError(
        'usage: npm run bench:knee -- [--rates 10,20,40,...] [--seconds 20] (see tools/bench/knee.bench.ts)',
      );
    } else {
      throw new UsageError(`unknown option ${flag} (--rates, --seconds)`);
    }
  }
  return { rates, seconds };
}

// ---------------------------------------------------------------------------------------------------------------
// Server mode
// ---------------------------------------------------------------------------------------------------------------

/** Whether something accepts TCP connections at `host:port`. */
function listening(broker: string): Promise<boolean> {
  const [host = '127.0.0.1', port = '9092'] = broker.split(':');
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port) });
    socket.setTimeout(2000);
    const done = (up: boolean): void => {
      socket.destroy();
      resolve(up);
    };
    socket.once('connect', () => {
      done(true);
    });
    socket.once('timeout', () => {
      done(false);
    });
    socket.once('error', () => {
      done(false);
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------------------------

/** CPU seconds per process with no load, and the window's wall time. */
interface IdleRun {
  readonly cpu: Map<string, number>;
  readonly wallSeconds: number;
}

interface RateRun {
  readonly rate: number;
  readonly report: LoadReport;
  readonly holds: boolean;
  /** Why it did not hold. */
  readonly why: readonly string[];
  /** CPU seconds per process over the run (warm-up, window and drain), and that run's wall time. */
  readonly cpu: Map<string, number>;
  readonly wallSeconds: number;
}

function verdict(report: LoadReport): { holds: boolean; why: string[] } {
  // The errors by code, rather than their number alone.
  const codes = report.errors.map((e) => `${e.code} ×${String(e.count)}`).join(', ');
  const why = report.failures.map((f) => (/^\d+ errors$/.test(f) && codes ? `${f} (${codes})` : f));
  const p99 = report.commandsOverall.p99Ms;
  if (!(p99 < P99_TARGET_MS)) why.push(`command p99 ${formatMs(p99)} ≥ ${String(P99_TARGET_MS)} ms`);
  return { holds: why.length === 0, why };
}

async function main(options: Options): Promise<number> {
  const date = new Date();
  // Before anything of ours runs: the load the machine was under.
  const loadAtStart = loadRow();
  for (const broker of BROKERS) {
    if (!(await listening(broker))) {
      process.stderr.write(
        `bench:knee: no Kafka broker answers at ${broker}. Start the local one with infra/kafka/start.sh ` +
          '(infra/kafka/stop.sh stops it), or point KAFKA_BROKERS at one.\n',
      );
      return 1;
    }
  }
  const suffix = randomBytes(4).toString('hex');
  const database = `pamoja_bench_knee_${suffix}`;
  const prefix = `bench-knee-${suffix}`;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'pamoja-bench-knee-'));
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  const postgresVersion =
    ((await admin.query('SHOW server_version')).rows[0] as { server_version?: string } | undefined)?.server_version ??
    'unknown';
  await admin.query(`CREATE DATABASE "${database}"`);
  const databaseUrl = new URL(ADMIN_DATABASE_URL);
  databaseUrl.pathname = `/${database}`;
  const { child, up } = startServerMode({
    databaseUrl: databaseUrl.toString(),
    brokers: BROKERS,
    topicPrefix: prefix,
    basePort: BASE_PORT,
    dataDir,
  });
  try {
    process.stdout.write(`starting server mode on a fresh database (${database}) and topics (${prefix}.*)...\n`);
    await up;
    // Ten processes have just started (compiling, connecting, joining their consumer groups): let that pass.
    process.stdout.write(`server mode is up; ${String(SETTLE_SECONDS)} s for it to settle\n`);
    await sleep(SETTLE_SECONDS * 1000);
    const busy = os.loadavg()[0] ?? 0;
    if (busy >= os.availableParallelism()) {
      process.stdout.write(
        `note: the 1-minute load average is ${busy.toFixed(1)} on ${String(os.availableParallelism())} cores: ` +
          'the figures will say as much about the rest of the machine as about the platform\n',
      );
    }
    process.stdout.write(`\n== idle (no load) for ${String(IDLE_SECONDS)} s\n`);
    const idleBefore = await cpuSnapshot(child.pid);
    const idleStarted = performance.now();
    await sleep(IDLE_SECONDS * 1000);
    const idle: IdleRun = {
      cpu: cpuUsed(idleBefore, await cpuSnapshot(child.pid)),
      wallSeconds: (performance.now() - idleStarted) / 1000,
    };
    process.stdout.write(
      `idle: the whole machine ${((idle.cpu.get(MACHINE) ?? 0) / idle.wallSeconds).toFixed(2)} cores busy\n`,
    );
    const runs: RateRun[] = [];
    for (const rate of options.rates) {
      process.stdout.write(`\n== ${String(rate)} commands/s for ${String(options.seconds)} s\n`);
      const cpuBefore = await cpuSnapshot(child.pid);
      const started = performance.now();
      const report = await runLoad(
        {
          url: GATEWAY_URL,
          rate,
          readsPerCommand: DEFAULTS.readsPerCommand,
          seconds: options.seconds,
          warmup: WARMUP_SECONDS,
          clients: DEFAULTS.clients,
          subscribers: DEFAULTS.subscribers,
          thinkMs: DEFAULTS.thinkMs,
          dataDir,
          timeoutMs: DEFAULTS.timeoutMs,
        },
        (line) => process.stdout.write(`${line}\n`),
      );
      const wallSeconds = (performance.now() - started) / 1000;
      const cpu = cpuUsed(cpuBefore, await cpuSnapshot(child.pid));
      const { holds, why } = verdict(report);
      runs.push({ rate, report, holds, why, cpu, wallSeconds });
      process.stdout.write(
        `${String(rate)}/s: achieved ${report.commands.achieved.toFixed(1)}/s, ${String(report.errorCount)} errors, ` +
          `commands p50 ${formatMs(report.commandsOverall.p50Ms)} p99 ${formatMs(report.commandsOverall.p99Ms)}, ` +
          `reads p99 ${formatMs(report.readsOverall.p99Ms)}: ${holds ? 'holds' : `does not hold (${why.join('; ')})`}\n`,
      );
      for (const error of report.errors) {
        process.stdout.write(
          `  ${error.code} ×${String(error.count)} in ${error.operations.join(', ')}: ${error.samples[0] ?? ''}\n`,
        );
      }
      process.stdout.write(`${renderBreakdown(report.timeBreakdown, `where the time went at ${String(rate)}/s`)}\n`);
      if (!holds) break;
      if (hasExited(child)) throw new Error('server mode stopped during the run');
    }
    const loadAtEnd: [string, string] = [
      'Load average at end',
      `${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} (1 / 5 / 15 min)`,
    ];
    const report = reportOf(options, idle, runs, date, [
      ...machineRows(),
      loadAtStart,
      loadAtEnd,
      ['PostgreSQL server', `${postgresVersion} at ${databaseUrl.host}`],
      ['Kafka', BROKERS.join(', ')],
    ]);
    process.stdout.write(`\n${renderConsoleReport(report)}\n`);
    const file = await writeReportSection(report);
    process.stdout.write(`wrote ${path.relative(workspaceRoot(), file)}\n`);
    return process.env.BENCH_STRICT === '1' && report.targets.some((t) => !t.met) ? 1 : 0;
  } finally {
    await stopAndRemoveServerMode(child, {
      brokers: BROKERS,
      topicPrefix: prefix,
      dataDir,
      clientId: 'bench-knee-cleanup',
      admin,
      database,
    });
  }
}

function reportOf(
  options: Options,
  idle: IdleRun,
  runs: readonly RateRun[],
  date: Date,
  environment: readonly (readonly [string, string])[],
): BenchReport {
  const held = runs.filter((r) => r.holds);
  const knee = held.at(-1);
  const failed = runs.find((r) => !r.holds);
  const rates: Table = {
    title: `The mixed workload through the gateway, ${String(options.seconds)} s measured per rate after ${String(WARMUP_SECONDS)} s of warm-up`,
    columns: [
      'Target commands/s',
      'Achieved commands/s',
      'Errors',
      'Commands p50',
      'Commands p99',
      'Reads p99',
      'Holds',
    ],
    align: ['right', 'right', 'right', 'right', 'right', 'right', 'left'],
    rows: runs.map((r) => [
      String(r.rate),
      r.report.commands.achieved.toFixed(1),
      String(r.report.errorCount),
      formatMs(r.report.commandsOverall.p50Ms),
      formatMs(r.report.commandsOverall.p99Ms),
      formatMs(r.report.readsOverall.p99Ms),
      r.holds ? 'yes' : `no: ${r.why.join('; ')}`,
    ]),
  };
  const breakdowns: Table[] = [];
  for (const [label, run] of [
    ['at the knee', knee],
    ['at the first rate that did not hold', failed],
  ] as const) {
    if (run?.report.timeBreakdown.all) {
      breakdowns.push(
        breakdownTable(run.report.timeBreakdown, `Where the commands' time went ${label}, ${String(run.rate)}/s`),
      );
    }
  }
  const names = [
    ...[...new Set([idle, ...runs].flatMap((r) => [...r.cpu.keys()]))]
      .filter((name) => name !== ELSEWHERE && name !== MACHINE)
      .sort((a, b) => a.localeCompare(b)),
    ELSEWHERE,
    MACHINE,
  ];
  const cpu: Table = {
    title:
      `CPU per process, in cores (CPU seconds per second: ${String(IDLE_SECONDS)} s with no load, then each rate's ` +
      `run: warm-up, window and drain; ${String(os.availableParallelism())} cores; everything else on the machine ` +
      'is its busy time less these)',
    columns: ['Process', 'idle', ...runs.map((r) => `${String(r.rate)}/s`)],
    align: ['left', 'right', ...runs.map(() => 'right' as const)],
    rows: names.map((name) => [
      name,
      ...[idle, ...runs].map((r) => {
        const seconds = r.cpu.get(name);
        return seconds === undefined ? 'n/a' : (seconds / r.wallSeconds).toFixed(2);
      }),
    ]),
  };
  const targets: Target[] = [
    {
      description: `server mode at ${String(TARGET_RATE)} commands/s of the mixed workload, p99 < ${String(P99_TARGET_MS)} ms`,
      actual: knee
        ? `knee ${String(knee.rate)} commands/s (p99 ${formatMs(knee.report.commandsOverall.p99Ms)})`
        : `no rate held (from ${String(runs[0]?.rate ?? options.rates[0] ?? 0)}/s)`,
      met: runs.some((r) => r.holds && r.rate >= TARGET_RATE),
    },
  ];
  return {
    id: 'knee',
    title: 'The knee of server mode (bench:knee)',
    command: `npm run bench:knee${
      options.rates.join(',') === DEFAULT_RATES.join(',') && options.seconds === DEFAULT_SECONDS
        ? ''
        : ` -- --rates ${options.rates.join(',')} --seconds ${String(options.seconds)}`
    }`,
    date,
    environment,
    method: [
      'The whole server mode runs from `dist/` (`tools/server-mode.mjs`: the agency services, the relay and the ' +
        'gateway, each its own process) on a fresh PostgreSQL database and Kafka topics of its own, started once and ' +
        `left ${String(SETTLE_SECONDS)} s to settle, then measured ${String(IDLE_SECONDS)} s with no load. ` +
        "Against its gateway, the load test's mixed workload (`npm run load`, used as a library with its defaults: " +
        `one read per command, ${String(DEFAULTS.clients)} keep-alive connections, ${String(DEFAULTS.subscribers)} ` +
        `WebSocket subscribers, ${String(DEFAULTS.thinkMs)} ms between a case's steps) runs at each rate in turn, ` +
        `${String(WARMUP_SECONDS)} s of warm-up then ${String(options.seconds)} s measured, open loop (latency from ` +
        'when an operation was due), stopping after the first rate that does not hold. Each rate finds the cases of ' +
        'the rates before it in the database.',
      `A rate holds when the load test passes (no error of any operation or subscription, commands and reads ` +
        `achieved within ${String(RATE_TOLERANCE * 100)}% of their targets) and the p99 of all commands together is ` +
        `under ${String(P99_TARGET_MS)} ms. The knee is the highest rate that held: ` +
        (knee ? `**${String(knee.rate)} commands/s**.` : '**none of the rates held**.'),
    ],
    tables: [rates, ...breakdowns, cpu],
    targets,
    notes: [
      BREAKDOWN_LEGEND,
      'PostgreSQL and the Kafka broker are shared with whatever else runs on the machine: their CPU is all of their ' +
        "processes', whoever's work it was.",
    ],
  };
}

let options: Options;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`bench:knee: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}

main(options).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `bench:knee failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
