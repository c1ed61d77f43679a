import cliProgress from 'cli-progress';
import {
  CHECKPOINT_SCHEMA,
  KurrentDbEventStore,
  SqlEventStore,
  verifyKurrentDbLog,
  verifyLog,
  type ExpectedDigest,
  type LogBreak,
  type LogVerification,
  type LogWitness,
  type SqlDatabase,
} from '@pamoja/event-store';
import { loadConfig, lockDataDir, type PlatformConfig } from '@pamoja/platform/config';
import { cliProgram, InvalidArgumentError, runCli } from '@pamoja/platform/cli';

// The store module loads Nest and every read model's wiring: only a command that runs needs it, never --help or a
// usage error.
const openDatabase = async (config: PlatformConfig): Promise<SqlDatabase> =>
  (await import('@pamoja/platform/store')).openDatabase(config);

const at = (p: { transactionId: number; globalPosition: number }): string =>
  `(${p.transactionId}, ${p.globalPosition})`;

/** One `--expect <events>:<digest>`, added to those before it. */
function parseExpect(value: string, previous: readonly ExpectedDigest[] = []): ExpectedDigest[] {
  const match = /^(\d+):([0-9a-fA-F]{64})$/.exec(value);
  if (!match?.[1] || !match[2]) throw new InvalidArgumentError('Expected <events>:<64 hex digits>.');
  return [...previous, { eventCount: Number(match[1]), digest: match[2] }];
}

function where(config: PlatformConfig): string {
  if (config.mode === 'embedded') return `the embedded database in ${config.dataDir}`;
  if (config.eventStore === 'kurrentdb') return `KurrentDB at ${config.kurrentDbUrl ?? '?'}`;
  try {
    const url = new URL(config.databaseUrl ?? '');
    return `PostgreSQL database ${url.pathname.slice(1)} at ${url.hostname}:${url.port || '5432'}`;
  } catch {
    return 'the PostgreSQL database at DATABASE_URL';
  }
}

/** The readers' checkpoints: they have processed the log up to there, so the log must still reach it. */
async function readWitnesses(db: SqlDatabase): Promise<LogWitness[]> {
  const [exists] = await db.query<{ present: boolean }>(
    `SELECT to_regclass('${CHECKPOINT_SCHEMA}.checkpoints') IS NOT NULL AS present`,
  );
  if (!exists?.present) return [];
  const rows = await db.query<{ projection: string; transaction_id: number; global_position: number }>(
    `SELECT projection, transaction_id, global_position FROM ${CHECKPOINT_SCHEMA}.checkpoints`,
  );
  return rows.map((r) => ({
    name: `reader ${r.projection}`,
    position: { transactionId: r.transaction_id, globalPosition: r.global_position },
  }));
}

function printBreak(b: LogBreak, indent: string): void {
  const lines = [
    b.description,
    ...(b.streamId !== undefined ? [`stream: ${b.streamId}, revision ${String(b.streamRevision ?? '?')}`] : []),
    ...(b.position ? [`log position: ${at(b.position)}`] : []),
    ...(b.checkpointSeq !== undefined ? [`checkpoint: ${b.checkpointSeq}`] : []),
    `kind: ${b.kind}`,
    `expected: ${b.expected}`,
    `found: ${b.found}`,
  ];
  process.stdout.write(lines.map((line) => `${indent}${line}\n`).join(''));
}

async function verify(values: { checkpoint?: boolean; expect?: ExpectedDigest[] }): Promise<number> {
  const expectedDigests = values.expect ?? [];
  const config = loadConfig(process.env, { mode: 'embedded', serviceName: 'pamoja-verify' });
  const unlock = config.mode === 'embedded' ? await lockDataDir(config.dataDir, 'the verify tool') : undefined;
  let db: SqlDatabase | undefined;
  let store: SqlEventStore | undefined;
  let kurrentDb: KurrentDbEventStore | undefined;
  try {
    db = await openDatabase(config);
    await db.query('SELECT 1').catch((error: unknown) => {
      throw new ConnectionError(error);
    });
    if (config.eventStore === 'kurrentdb') {
      // The log in KurrentDB (ADR 0035): its chains and digest; the readers' positions are in PostgreSQL.
      if (values.checkpoint) throw new Error('--checkpoint: log checkpoints are not taken of a KurrentDB log');
      kurrentDb = await KurrentDbEventStore.open({ connectionString: config.kurrentDbUrl ?? '', indexDatabase: db });
      process.stdout.write(`Verifying the event log in ${where(config)}\n`);
      const witnesses = await readWitnesses(db);
      const report = await verifyKurrentDbLog(kurrentDb, { expectedDigests, witnesses });
      return printReport(report, expectedDigests.length, witnesses.length, true);
    }
    // The store as stored: the chains cover the ciphertext of personal fields, so no key is needed here.
    store = await SqlEventStore.open(db);
    process.stdout.write(`Verifying the event log in ${where(config)}\n`);
    if (values.checkpoint) {
      const taken = await store.takeCheckpoint();
      process.stdout.write(
        taken
          ? `checkpoint ${taken.checkpoint.seq} ${taken.created ? 'taken' : 'already there'}: ` +
              `${taken.checkpoint.eventCount} events up to ${at(taken.checkpoint.position)}, ` +
              `digest ${taken.checkpoint.digest}\n`
          : 'no checkpoint: the log is empty\n',
      );
    }
    const witnesses = await readWitnesses(db);
    const bar = new cliProgress.SingleBar(
      {
        format: 'verifying [{bar}] {percentage}% | {value}/{total} log positions | {events} events',
        stream: process.stderr,
      },
      cliProgress.Presets.shades_classic,
    );
    const progress = { started: false };
    const report = await verifyLog(store, {
      expectedDigests,
      witnesses,
      onProgress: ({ events, position, head }) => {
        if (!progress.started) {
          bar.start(Math.max(head.globalPosition, 1), 0, { events: 0 });
          progress.started = true;
        }
        bar.update(Math.min(position.globalPosition, head.globalPosition), { events });
      },
    });
    if (progress.started) {
      bar.update(bar.getTotal());
      bar.stop();
    }
    return printReport(report, expectedDigests.length, witnesses.length);
  } finally {
    await store?.close();
    await kurrentDb?.close();
    await db?.close();
    await unlock?.();
  }
}

/** Prints the verdict; the exit code: 0 intact, 1 broken. */
function printReport(report: LogVerification, expected: number, witnesses: number, kurrentDb = false): number {
  const last = report.lastCheckpoint;
  process.stdout.write(
    `checked ${report.events} events in ${report.streams} streams up to log position ${at(report.head)}\n` +
      `checkpoints: ${report.checkpoints}` +
      (last
        ? `, the last (${last.seq}) at ${at(last.position)} with ${last.eventCount} events; ` +
          `${report.eventsAfterLastCheckpoint} events after it are covered by their streams' chains only\n`
        : kurrentDb
          ? ' (none of a KurrentDB log: its chains and the digests kept outside cover it)\n'
          : ` (take them with --checkpoint or PAMOJA_CHECKPOINT_INTERVAL_SECONDS in the platform)\n`) +
      (report.events > 0
        ? `log digest: ${report.events}:${report.digest}\n`
        : 'log digest: none (the log is empty)\n') +
      (expected > 0 ? `digests kept outside compared: ${expected}\n` : '') +
      (witnesses > 0 ? `readers' positions compared: ${witnesses}\n` : ''),
  );
  if (report.intact) {
    process.stdout.write("INTACT: every stream's chain and every checkpoint match.\n");
    return 0;
  }
  process.stdout.write(`BROKEN: ${report.breakCount} break(s) found. First broken link:\n`);
  if (report.firstBreak) printBreak(report.firstBreak, '  ');
  const others = report.breaks.filter((b) => b !== report.firstBreak);
  if (others.length > 0) {
    process.stdout.write(`Other breaks${report.breakCount > report.breaks.length ? ' (the first ones)' : ''}:\n`);
    for (const b of others) process.stdout.write(`  - ${b.description}\n`);
  }
  return 1;
}

class ConnectionError extends Error {
  constructor(cause: unknown) {
    super(`the database does not answer: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

const program = cliProgram(
  'verify',
  "Recomputes every stream's hash chain and the log digest at every checkpoint, and reports the first broken " +
    'link. Embedded data directory (PAMOJA_DATA_DIR, default ./data; the platform must be stopped) or, with ' +
    'PAMOJA_MODE=server, the PostgreSQL database at DATABASE_URL (with PAMOJA_EVENT_STORE=kurrentdb, the log in ' +
    'KurrentDB at KURRENTDB_URL).',
)
  .option('--checkpoint', 'take a checkpoint of the log head first')
  .option(
    '--expect <events>:<digest>',
    'a digest kept outside the database (the platform logs one per checkpoint): the first <events> events of ' +
      'the log must fold into <digest> (hex); may be repeated',
    parseExpect,
  )
  .addHelpText('after', '\nexit code: 0 intact, 1 a break was found, 2 usage or connection error')
  .action(async (values: { checkpoint?: boolean; expect?: ExpectedDigest[] }) => {
    process.exitCode = await verify(values);
  });

try {
  await runCli(program);
} catch (error) {
  process.stderr.write(`verify: ${error instanceof Error ? error.message : String(error)}\n`);
  // Configuration and connection problems: no verdict was reached.
  process.exitCode = 2;
}
process.exit(process.exitCode ?? 0);
