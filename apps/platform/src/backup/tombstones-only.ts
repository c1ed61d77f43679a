import { join } from 'node:path';
import { PgliteDatabase, PostgresDatabase, type SqlDatabase } from '@pamoja/event-store';
import {
  ErasureTombstoneLog,
  mergeTombstones,
  readTombstoneFile,
  ERASURE_TOMBSTONES_FILE,
} from '@pamoja/platform/privacy';
import { lockDataDir } from '@pamoja/platform/config';
import { assertDataDir } from './backup.js';
import { applyTombstoneLists, destroyListedKeys, readTombstoneLists } from './restore.js';

export interface TombstonesApplied {
  readonly listed: number;
  readonly destroyed: readonly string[];
  /** What the operator must do next, if anything. */
  readonly note?: string;
}

/**
 * Destroys every key on the tombstone lists in a database restored by other means: server mode's PostgreSQL
 * after `pg_restore` or a base backup, or an embedded directory (stopped: the tool takes its lock, adds the
 * lists to its `erasures.log`, and replaces the master key file as after any erasure).
 */
export async function applyTombstonesTo(
  target: { readonly databaseUrl: string } | { readonly dataDir: string },
  files: readonly string[],
): Promise<TombstonesApplied> {
  if ('databaseUrl' in target) {
    const db: SqlDatabase = new PostgresDatabase({
      connectionString: target.databaseUrl,
      applicationName: 'pamoja-restore',
    });
    try {
      await db.query('SELECT 1').catch((error: unknown) => {
        throw new Error(`PostgreSQL does not answer: ${error instanceof Error ? error.message : String(error)}`);
      });
      const result = await applyTombstoneLists(db, files);
      return {
        ...result,
        ...(result.destroyed.length > 0
          ? {
              note:
                'the master key that wrapped them is now due for replacement: rotate it (npm run keys -- rotate, ' +
                'docs/running.md) before the erasure deadline',
            }
          : {}),
      };
    } finally {
      await db.close();
    }
  }
  const lists = await readTombstoneLists(files);
  const dataDir = await assertDataDir(target.dataDir);
  const unlock = await lockDataDir(dataDir, 'the restore tool');
  try {
    const own = await readTombstoneFile(join(dataDir, ERASURE_TOMBSTONES_FILE));
    const merged = mergeTombstones(own, ...lists);
    const log = ErasureTombstoneLog.inDataDir(dataDir);
    const db = await PgliteDatabase.open(join(dataDir, 'pglite'));
    try {
      for (const tombstone of merged)
        await log.record(tombstone.subjectId, tombstone.reason, new Date(tombstone.erasedAt));
      const { destroyed, rotated } = await destroyListedKeys(db, dataDir, merged);
      return { listed: merged.length, destroyed, ...(rotated ? { note: 'the master key file was replaced' } : {}) };
    } finally {
      await db.close();
    }
  } finally {
    await unlock();
  }
}
