import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runBackupCommand, runRestoreCommand } from './commands.js';

async function run(
  command: typeof runBackupCommand,
  args: readonly string[],
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await command(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('the backup and restore commands refuse bad arguments, naming them, and change nothing', () => {
  let dir: string;
  let dataDir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pamoja-backup-args-'));
    dataDir = join(dir, 'data');
    await mkdir(join(dataDir, 'pglite'), { recursive: true });
    await writeFile(join(dir, 'taken.tar'), 'an earlier backup');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('backup and restore: --help describes the options and exits 0', async () => {
    const restore = await run(runRestoreCommand, ['-h']);
    expect(restore.code).toBe(0);
    expect(restore.out).toContain('Usage: npm run restore -- [options]');
    for (const option of ['--from <backup>', '--data-dir <dir>', '--force', '--tombstones <file>']) {
      expect(restore.out).toContain(option);
    }
    expect(restore.out).toContain('--apply-tombstones-only');
    const { code, out } = await run(runBackupCommand, ['--help']);
    expect(code).toBe(0);
    expect(out).toContain('Usage: npm run backup -- [options]');
    expect(out).toContain('--out <file-or-dir>');
    expect(out).toContain('--tombstones-out <file>');
  });

  it.each([
    [[], '--out <file-or-dir> is required (or --tombstones-out <file>)'],
    [['--bogus'], "unknown option '--bogus'"],
    [['--out'], "option '--out <file-or-dir>' argument missing"],
    [['--out', 'x', 'y'], 'too many arguments'],
    [
      ['--tombstones-out', 'list', '--database-url', 'mysql://db'],
      "option '--database-url <url>' argument 'mysql://db' is invalid. must be a postgres:// URL",
    ],
    [['--out', 'a.tar', '--tombstones-out', 'b'], '--out and --tombstones-out go separately'],
    [['--out', 'a.tar', '--database-url', 'postgres://h/db'], '--database-url goes with --tombstones-out'],
    [['--data-dir', '/nowhere/at/all', '--out', 'a.tar'], '--data-dir /nowhere/at/all: no such directory'],
  ])('backup %j exits 2: %s', async (args, message) => {
    const { code, out, err } = await run(runBackupCommand, args);
    expect({ code, out }).toEqual({ code: 2, out: '' });
    const [line, hint] = err.trimEnd().split('\n');
    expect(line).toMatch(/^error: /);
    expect(line).toContain(message);
    expect(hint).toBe('(see the usage: npm run backup -- --help)');
  });

  it('backup: refuses a data directory without a database, and an --out file that exists', async () => {
    const empty = join(dir, 'empty');
    await mkdir(empty);
    const notData = await run(runBackupCommand, ['--data-dir', empty, '--out', join(dir, 'x.tar')]);
    expect(notData.code).toBe(2);
    expect(notData.err).toContain(`--data-dir ${empty}: not a Pamoja data directory (it has no pglite/ database)`);
    const exists = await run(runBackupCommand, ['--data-dir', dataDir, '--out', join(dir, 'taken.tar')]);
    expect(exists.code).toBe(2);
    expect(exists.err).toContain(`--out ${join(dir, 'taken.tar')}: the file exists; a backup never overwrites one`);
    const noParent = await run(runBackupCommand, ['--data-dir', dataDir, '--out', join(dir, 'missing', 'x.tar')]);
    expect(noParent.code).toBe(2);
    expect(noParent.err).toContain(`the directory ${join(dir, 'missing')} does not exist`);
  });

  it.each([
    [[], '--from <backup> is required'],
    [['--from', 'b.tar'], '--data-dir <dir> is required'],
    [['--from', 'b.tar', '--data-dir', 'd', '--database-url', 'postgres://h/db'], '--database-url goes with'],
    [['--apply-tombstones-only', '--data-dir', 'd'], '--apply-tombstones-only needs --tombstones <file>'],
    [
      ['--apply-tombstones-only', '--tombstones', 'f'],
      '--apply-tombstones-only needs one of --database-url <url> or --data-dir <dir>',
    ],
    [['--apply-tombstones-only', '--tombstones', 'f', '--from', 'b.tar'], '--from does not go with'],
    [['--database-url', 'localhost'], "argument 'localhost' is invalid. must be a postgres:// URL"],
  ])('restore %j exits 2: %s', async (args, message) => {
    const { code, out, err } = await run(runRestoreCommand, args);
    expect({ code, out }).toEqual({ code: 2, out: '' });
    const [line, hint] = err.trimEnd().split('\n');
    expect(line).toMatch(/^error: /);
    expect(line).toContain(message);
    expect(hint).toBe('(see the usage: npm run restore -- --help)');
  });

  it('restore: names a missing backup, a missing tombstone list, and a target that is not empty', async () => {
    const target = join(dir, 'target');
    const missing = await run(runRestoreCommand, ['--from', join(dir, 'none.tar'), '--data-dir', target]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(`--from ${join(dir, 'none.tar')}: no such backup file`);
    const list = await run(runRestoreCommand, [
      '--from',
      join(dir, 'taken.tar'),
      '--data-dir',
      target,
      '--tombstones',
      join(dir, 'none.log'),
    ]);
    expect(list.code).toBe(2);
    expect(list.err).toContain(`--tombstones ${join(dir, 'none.log')}: no such file`);
    const full = await run(runRestoreCommand, ['--from', join(dir, 'taken.tar'), '--data-dir', dataDir]);
    expect(full.code).toBe(2);
    expect(full.err).toContain(`--data-dir ${dataDir} is not empty: add --force`);
    // Nothing was written anywhere.
    await expect(readdir(target)).rejects.toThrow(/ENOENT/);
    expect(await readdir(dataDir)).toEqual(['pglite']);
  });

  it('restore: refuses a file that is not a backup, naming it, with exit code 1', async () => {
    const { code, err } = await run(runRestoreCommand, [
      '--from',
      join(dir, 'taken.tar'),
      '--data-dir',
      join(dir, 'target'),
    ]);
    expect(code).toBe(1);
    expect(err).toContain(`backup ${join(dir, 'taken.tar')} refused:`);
  });
});
