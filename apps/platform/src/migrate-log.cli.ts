import cliProgress from 'cli-progress';
import {
  compareLogs,
  copyLogToKurrentDb,
  KurrentDbEventStore,
  SqlEventStore,
  verifyKurrentDbLog,
  verifyLog,
  type LogVerification,
  type SqlDatabase,
} from '@pamoja/event-store';
import { ConfigError, loadConfig, type PlatformConfig } from '@pamoja/platform/config';
import { cliProgram, InvalidArgumentError, runCli } from '@pamoja/platform/cli';

// The store module loads Nest and every read model's wiring: only a command that runs needs it, never --help or a
// usage error.
const openDatabase = async (config: PlatformConfig): Promise<SqlDatabase> =>
  (await import('@pamoja/platform/store')).openDatabase(config);

const at = (p: { transactionId: number; globalPosition: number }): string =>
  `(${p.transactionId}, ${p.globalPosition})`;

function only(value: string, allowed: string, option: string): string {
  if (value !== allowed) throw new InvalidArgumentError(`${option}: only ${allowed} for now, not ${value}.`);
  return value;
}

function verdict(side: string, report: LogVerification): string {
  return report.intact
    ? `${side}: intact, ${report.events} events in ${report.streams} streams`
    : `${side}: BROKEN, ${report.breakCount} break(s); first: ${report.firstBreak?.description ?? '?'}`;
}

/**
 * `npm run migrate-log -- --from postgres --to kurrentdb`: copies the server-mode log from PostgreSQL
 * (`DATABASE_URL`) into KurrentDB (`KURRENTDB_URL`) in its order, with its ids, metadata, `recorded_at` and hashes
 * (ADR 0035), then verifies both sides and compares them event by event. Run it with the services stopped; run it
 * again after an interruption: what is already copied is skipped.
 */
async function migrate(): Promise<number> {
  const config = loadConfig(
    { ...process.env, PAMOJA_MODE: 'server' },
    { mode: 'server', serviceName: 'pamoja-migrate-log' },
  );
  if (!config.kurrentDbUrl) throw new ConfigError(['KURRENTDB_URL is required: the KurrentDB to copy the log into']);
  const db = await openDatabase(config);
  let source: SqlEventStore | undefined;
  let target: KurrentDbEventStore | undefined;
  try {
    source = await SqlEventStore.open(db);
    target = await KurrentDbEventStore.open({ connectionString: config.kurrentDbUrl, indexDatabase: db });
    process.stdout.write(`Copying the log from PostgreSQL (DATABASE_URL) to KurrentDB at ${config.kurrentDbUrl}\n`);
    const before = await verifyLog(source);
    process.stdout.write(`${verdict('PostgreSQL before the copy', before)}\n`);
    if (!before.intact) {
      process.stdout.write('Nothing copied: a broken log would be copied as it is. Run npm run verify first.\n');
      return 1;
    }
    const bar = new cliProgress.SingleBar(
      { format: 'copying [{bar}] {percentage}% | {value}/{total} events', stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    bar.start(Math.max(before.events, 1), 0);
    const copy = await copyLogToKurrentDb(source, target, {
      onProgress: ({ read }) => {
        bar.update(read);
      },
    });
    bar.update(bar.getTotal());
    bar.stop();
    process.stdout.write(
      `copied ${copy.copied} events up to ${at(copy.head)}` +
        (copy.alreadyThere > 0 ? ` (${copy.alreadyThere} were already there)` : '') +
        '\n',
    );
    const afterSource = await verifyLog(source);
    const afterTarget = await verifyKurrentDbLog(target);
    const comparison = await compareLogs(source, target);
    process.stdout.write(`${verdict('PostgreSQL', afterSource)}\n${verdict('KurrentDB', afterTarget)}\n`);
    if (afterSource.intact && afterTarget.intact && comparison.identical) {
      process.stdout.write(
        `IDENTICAL: ${comparison.events} events, the same order, ids, metadata, recorded_at and hashes on both sides.\n` +
          `Next: set PAMOJA_EVENT_STORE=kurrentdb and KURRENTDB_URL for every service and the relay, and start them.\n`,
      );
      return 0;
    }
    process.stdout.write(`DIFFERENT: ${comparison.firstDifference ?? 'a side does not verify'}\n`);
    return 1;
  } finally {
    await target?.close();
    await source?.close();
    await db.close();
  }
}

const program = cliProgram(
  'migrate-log',
  'Copies the server-mode log from PostgreSQL (DATABASE_URL) into KurrentDB (KURRENTDB_URL) with its order, ids, ' +
    'metadata and hashes, then verifies both sides and compares them. Stop the services first.',
)
  .requiredOption('--from <store>', 'where the log is now: postgres', (v) => only(v, 'postgres', '--from'))
  .requiredOption('--to <store>', 'where it goes: kurrentdb', (v) => only(v, 'kurrentdb', '--to'))
  .addHelpText(
    'after',
    '\nexit code: 0 copied and identical, 1 a side is broken or they differ, 2 usage or connection error',
  )
  .action(async () => {
    process.exitCode = await migrate();
  });

try {
  await runCli(program);
} catch (error) {
  process.stderr.write(`migrate-log: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
process.exit(process.exitCode ?? 0);
