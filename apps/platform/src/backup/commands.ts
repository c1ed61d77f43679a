import { PostgresDatabase, type SqlDatabase } from '@pamoja/event-store';
import { ConfigError } from '@pamoja/platform/config';
import { TombstoneListError } from '@pamoja/platform/privacy';
import {
  cliProgram,
  collect,
  CommanderError,
  InvalidArgumentError,
  Option,
  USAGE_ERROR,
  usageHint,
  type Command,
} from '@pamoja/platform/cli';
import { exportTombstones, takeBackup, UsageProblem } from './backup.js';
import { BackupRefused, restoreBackup } from './restore.js';
import { applyTombstonesTo } from './tombstones-only.js';

/** Where a command writes: standard output and error (a test passes its own). */
export interface CommandIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export const processIo: CommandIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** Exit codes: 0 done, 1 refused or a check failed, 2 bad arguments. */
export const EXIT = { ok: 0, failed: 1, usage: USAGE_ERROR } as const;

function databaseUrl(value: string): string {
  if (!/^postgres(ql)?:\/\/./.test(value)) throw new InvalidArgumentError('must be a postgres:// URL');
  return value;
}

/** A program with the platform's command-line conventions (ADR 0031), writing where `io` says. */
function program(script: string, description: string, io: CommandIo): Command {
  return cliProgram(script, description)
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .allowExcessArguments(false);
}

function keyFromEnvironment(): boolean {
  return (process.env['PAMOJA_MASTER_KEY'] ?? '').trim() !== '';
}

async function withDatabase<T>(url: string, work: (db: SqlDatabase) => Promise<T>): Promise<T> {
  const db = new PostgresDatabase({ connectionString: url, applicationName: 'pamoja-backup' });
  try {
    await db.query('SELECT 1').catch((error: unknown) => {
      throw new Error(`PostgreSQL does not answer: ${error instanceof Error ? error.message : String(error)}`);
    });
    return await work(db);
  } finally {
    await db.close();
  }
}

/**
 * Runs a command, mapping its errors to an exit code: a wrong command line (commander's, or an argument found
 * wrong once read: a directory that is not there) as one line naming it and where the usage is, exit 2; a
 * refusal or a failure, exit 1.
 */
async function run(io: CommandIo, script: 'backup' | 'restore', work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof UsageProblem || error instanceof ConfigError) {
      io.err(`error: ${error.message}\n${usageHint(script)}\n`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    const refused = error instanceof BackupRefused || error instanceof TombstoneListError;
    io.err(`${script}: ${refused ? '' : 'failed: '}${message}\n`);
    return EXIT.failed;
  }
}

/** `npm run backup -- ...` */
export function runBackupCommand(argv: readonly string[], io: CommandIo = processIo): Promise<number> {
  return run(io, 'backup', async () => {
    const command = program(
      'backup',
      'Backs up an embedded data directory into one tar file with a manifest, consistently, whether the ' +
        'platform runs (it takes the snapshot, asked over <data-dir>/run/backup.sock) or not (the tool ' +
        'takes the lock). Or writes the erasure tombstone list to keep apart from the backups.',
      io,
    )
      .addOption(
        new Option('--data-dir <dir>', 'the embedded data directory').default(
          process.env['PAMOJA_DATA_DIR'] ?? './data',
          'PAMOJA_DATA_DIR or ./data',
        ),
      )
      .option('--out <file-or-dir>', 'the backup file to write, or an existing directory to write it in')
      .option(
        '--tombstones-out <file>',
        'merge the tombstone list into this file (from --data-dir, or from --database-url) instead of a backup',
      )
      .option('--database-url <url>', 'server mode: the PostgreSQL database whose destroyed keys to list', databaseUrl)
      .addHelpText(
        'after',
        '\nExit code: 0 written, 1 failed (nothing written), 2 bad arguments.\n' +
          'Server mode: back up PostgreSQL with pg_dump or pg_basebackup (docs/backup.md).',
      );
    command.parse(argv, { from: 'user' });
    const options = command.opts<{
      dataDir: string;
      out?: string;
      tombstonesOut?: string;
      databaseUrl?: string;
    }>();
    if (options.tombstonesOut === undefined && options.out === undefined) {
      throw new UsageProblem('--out <file-or-dir> is required (or --tombstones-out <file>)');
    }
    if (options.tombstonesOut !== undefined && options.out !== undefined) {
      throw new UsageProblem('--out and --tombstones-out go separately: a backup, or the tombstone list');
    }
    if (options.databaseUrl !== undefined && options.tombstonesOut === undefined) {
      throw new UsageProblem('--database-url goes with --tombstones-out (server mode backs up with pg_dump)');
    }
    if (options.tombstonesOut !== undefined) {
      const file = options.tombstonesOut;
      const result =
        options.databaseUrl !== undefined
          ? await withDatabase(options.databaseUrl, (db) => exportTombstones({ file, db }))
          : await exportTombstones({ file, dataDir: options.dataDir });
      io.out(`tombstone list ${file}: ${result.total} subject(s), ${result.added} added\n`);
      return EXIT.ok;
    }
    const result = await takeBackup({
      dataDir: options.dataDir,
      out: options.out ?? '',
      keyFromEnvironment: keyFromEnvironment(),
    });
    const { manifest } = result;
    io.out(
      [
        `backup written: ${result.file} (${result.bytes} bytes, ${manifest.files.length} files, taken ${manifest.taken})`,
        `  log: ${manifest.log.events} events in ${manifest.log.streams} streams up to log position ` +
          `${manifest.log.head?.globalPosition ?? 0}; digest ${manifest.log.events}:${manifest.log.digest ?? 'none'}`,
        `  key store: ${manifest.keyStore.liveKeys} live keys, ${manifest.keyStore.erasedKeys} destroyed; master key ` +
          `${manifest.keyStore.masterKeyId ?? 'none yet'}${manifest.keyStore.masterKeyFile ? ' (its file is in the backup: keep the backup encrypted)' : ' (PAMOJA_MASTER_KEY: not in the backup)'}`,
        `  manifest digest: ${manifest.digest}`,
        '',
      ].join('\n'),
    );
    return EXIT.ok;
  });
}

/** `npm run restore -- ...` */
export function runRestoreCommand(argv: readonly string[], io: CommandIo = processIo): Promise<number> {
  return run(io, 'restore', async () => {
    const command = program(
      'restore',
      'Restores a backup into an embedded data directory: checks it whole, puts the files back, destroys ' +
        'every key on the merged erasure tombstone list, then verifies the chains and compares every read ' +
        'model with its rebuild. With --apply-tombstones-only, destroys the listed keys in a database restored ' +
        'by other means (server mode: after pg_restore, before the services start).',
      io,
    )
      .option('--from <backup>', 'the backup file (npm run backup)')
      .option('--data-dir <dir>', 'the embedded data directory to restore into')
      .option('--force', 'replace a data directory that is not empty (its erasure tombstones are kept)', false)
      .option('--tombstones <file>', 'an erasure tombstone list kept apart (repeatable)', collect, [])
      .option(
        '--database-url <url>',
        'server mode: the PostgreSQL database (with --apply-tombstones-only)',
        databaseUrl,
      )
      .option('--apply-tombstones-only', 'only destroy the keys on the --tombstones lists', false)
      .addHelpText(
        'after',
        '\nExit code: 0 restored and every check passed, 1 refused or a check failed, 2 bad arguments.',
      );
    command.parse(argv, { from: 'user' });
    const options = command.opts<{
      from?: string;
      dataDir?: string;
      force: boolean;
      tombstones: string[];
      databaseUrl?: string;
      applyTombstonesOnly: boolean;
    }>();
    if (options.applyTombstonesOnly) {
      if (options.from !== undefined) throw new UsageProblem('--from does not go with --apply-tombstones-only');
      if (options.tombstones.length === 0) throw new UsageProblem('--apply-tombstones-only needs --tombstones <file>');
      if ((options.databaseUrl === undefined) === (options.dataDir === undefined)) {
        throw new UsageProblem('--apply-tombstones-only needs one of --database-url <url> or --data-dir <dir>');
      }
      const target =
        options.databaseUrl !== undefined ? { databaseUrl: options.databaseUrl } : { dataDir: options.dataDir ?? '' };
      const result = await applyTombstonesTo(target, options.tombstones);
      io.out(
        `tombstones: ${result.listed} on the list(s), ${result.destroyed.length} key(s) destroyed now, ` +
          `${result.listed - result.destroyed.length} already destroyed\n` +
          (result.note ? `${result.note}\n` : ''),
      );
      return EXIT.ok;
    }
    if (options.databaseUrl !== undefined) {
      throw new UsageProblem('--database-url goes with --apply-tombstones-only (server mode restores with pg_restore)');
    }
    if (options.from === undefined) throw new UsageProblem('--from <backup> is required');
    if (options.dataDir === undefined) throw new UsageProblem('--data-dir <dir> is required');
    const report = await restoreBackup({
      from: options.from,
      dataDir: options.dataDir,
      force: options.force,
      tombstoneFiles: options.tombstones,
      say: (line) => {
        io.out(`${line}\n`);
      },
    });
    io.out(
      report.ok
        ? `RESTORED: ${options.dataDir} holds the backup of ${report.manifest.createdAt}; start the platform.\n`
        : `RESTORED WITH FAILED CHECKS: do not start the platform on ${options.dataDir} before finding out why.\n`,
    );
    return report.ok ? EXIT.ok : EXIT.failed;
  });
}
