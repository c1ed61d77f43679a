import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PostgresDatabase } from '@pamoja/event-store';
import { formatTombstones, SqlPersonalDataKeys } from '@pamoja/platform/privacy';
import { createTemporaryDatabase } from '@pamoja/testing';
import { runBuiltCli } from '../cli.fixture.js';

/*
 * Server mode's key store rule, against the real PostgreSQL: after `pg_restore` (or a base backup) brought back
 * a key table older than some erasures, `npm run restore -- --database-url ... --tombstones <list>
 * --apply-tombstones-only` destroys every listed key before the services start; `npm run backup --
 * --database-url ... --tombstones-out <list>` keeps the list up to date from the live database.
 */
describe('server mode: the tombstone list, exported from PostgreSQL and applied to a restored database', () => {
  let database: { url: string; drop: () => Promise<void> };
  let db: PostgresDatabase;
  let dir: string;

  beforeAll(async () => {
    const build = spawnSync(process.execPath, ['tools/build.mjs', '--if-stale'], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
    database = await createTemporaryDatabase('backup_tombstones');
    db = new PostgresDatabase({ connectionString: database.url });
    dir = await mkdtemp(join(tmpdir(), 'pamoja-tombstones-'));
  }, 300_000);

  afterAll(async () => {
    await db.close();
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('destroys the listed keys, leaves the others, and exports what the database erased', async () => {
    const masterKey = Buffer.alloc(32, 3);
    const keys = await SqlPersonalDataKeys.open(db, masterKey);
    for (const subject of ['victim:kept', 'victim:erased-later', 'suspect:i:s']) await keys.keyForWriting(subject);
    await keys.destroy('suspect:i:s', 'retention_expired');

    // The list kept off-site, exported from the live database (its own erasures).
    const offSite = join(dir, 'erasures.log');
    const exported = await runBuiltCli('backup', database.url, [
      '--database-url',
      database.url,
      '--tombstones-out',
      offSite,
    ]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('1 subject(s), 1 added');
    // A later erasure reached the list (say, from the embedded erasures.log of another site, or a later export).
    await writeFile(
      offSite,
      (await readFile(offSite, 'utf8')) +
        formatTombstones([
          { subjectId: 'victim:erased-later', erasedAt: new Date().toISOString(), reason: 'legal_request' },
        ]),
    );

    const applied = await runBuiltCli('restore', database.url, [
      '--database-url',
      database.url,
      '--tombstones',
      offSite,
      '--apply-tombstones-only',
    ]);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('tombstones: 2 on the list(s), 1 key(s) destroyed now, 1 already destroyed');
    expect(applied.stdout).toContain('npm run keys -- rotate');

    const rows = await db.query<{ subject_id: string; live: boolean }>(
      `SELECT subject_id, wrapped_key IS NOT NULL AS live FROM privacy.personal_data_keys ORDER BY subject_id`,
    );
    expect(rows).toEqual([
      { subject_id: 'suspect:i:s', live: false },
      { subject_id: 'victim:erased-later', live: false },
      { subject_id: 'victim:kept', live: true },
    ]);
    const [state] = await db.query<{ rotation_due: boolean }>(`SELECT rotation_due FROM privacy.master_key`);
    expect(state?.rotation_due).toBe(true);

    // Again: nothing more to do.
    const again = await runBuiltCli('restore', database.url, [
      '--database-url',
      database.url,
      '--tombstones',
      offSite,
      '--apply-tombstones-only',
    ]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 key(s) destroyed now, 2 already destroyed');
  });

  it('refuses a tombstone list with a bad line, naming the file and the line, and destroys nothing', async () => {
    const bad = join(dir, 'bad.log');
    await writeFile(
      bad,
      '{"subjectId":"victim:kept","erasedAt":"2026-12-06T10:00:00Z","reason":"legal_request"}\nnonsense\n',
    );
    const run = await runBuiltCli('restore', database.url, [
      '--database-url',
      database.url,
      '--tombstones',
      bad,
      '--apply-tombstones-only',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--tombstones ${bad}: ${bad}, line 2: not a JSON object`);
    const [kept] = await db.query<{ live: boolean }>(
      `SELECT wrapped_key IS NOT NULL AS live FROM privacy.personal_data_keys WHERE subject_id = 'victim:kept'`,
    );
    expect(kept?.live).toBe(true);
  });
});
