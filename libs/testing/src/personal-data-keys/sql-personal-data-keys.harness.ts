import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgliteDatabase, type SqlDatabase } from '@pamoja/event-store';
import { loadMasterKey, PRIVACY_SCHEMA, SqlPersonalDataKeys } from '@pamoja/platform/privacy';
import { type OpenedPersonalDataKeys } from '../personal-data-keys.contract.js';

/** How long the instances the harnesses open keep an unwrapped key in memory. */
export const KEY_CACHE_MS = 100;

/** Every byte of the key table, column by column: what a dump of the database shows of the keys. */
async function dumpKeyTable(db: SqlDatabase): Promise<Buffer> {
  const rows = await db.query<{
    subject_id: string;
    wrapped_key: Uint8Array | null;
    master_key_id: string | null;
    erased_at: string | null;
    erase_reason: string | null;
  }>(
    `SELECT subject_id, wrapped_key, master_key_id, erased_at::text AS erased_at, erase_reason
     FROM ${PRIVACY_SCHEMA}.personal_data_keys`,
  );
  return Buffer.concat(
    rows.flatMap((row) => [
      Buffer.from(row.subject_id),
      Buffer.from(row.wrapped_key ?? new Uint8Array()),
      Buffer.from(`${row.master_key_id ?? ''}${row.erased_at ?? ''}${row.erase_reason ?? ''}`),
    ]),
  );
}

/**
 * The key table under a master key given by the environment (`PAMOJA_MASTER_KEY`, server mode): never
 * rotated by the platform. The table is one per database, so a suite shares it (and the master key).
 */
export async function openSqlKeysUnderMasterKey(db: SqlDatabase, masterKey: Buffer): Promise<OpenedPersonalDataKeys> {
  const openKeys = () => SqlPersonalDataKeys.open(db, masterKey, { cacheTtlMs: KEY_CACHE_MS });
  return {
    keys: await openKeys(),
    openAnother: openKeys,
    dump: () => dumpKeyTable(db),
    cleanup: () => Promise.resolve(),
  };
}

/** A data directory with its PGlite database, as the embedded platform has it. */
export interface DataDirectory {
  readonly dataDir: string;
  readonly db: PgliteDatabase;
  readonly remove: () => Promise<void>;
}

export async function openDataDirectory(): Promise<DataDirectory> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pamoja-keys-contract-'));
  const db = await PgliteDatabase.open(join(dataDir, 'pglite'));
  return {
    dataDir,
    db,
    remove: async () => {
      try {
        await db.close();
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * The embedded platform's keys: PGlite in a data directory, the master key in the directory's key file,
 * replaced after every erasure (ADR 0018). Each instance loads the key file as it is when it opens.
 */
export async function openSqlKeysInDataDirectory({ dataDir, db }: DataDirectory): Promise<OpenedPersonalDataKeys> {
  const openKeys = async () =>
    SqlPersonalDataKeys.open(db, await loadMasterKey({ dataDir, masterKey: undefined, mode: 'embedded' }), {
      cacheTtlMs: KEY_CACHE_MS,
    });
  return {
    keys: await openKeys(),
    openAnother: openKeys,
    dump: () => dumpKeyTable(db),
    cleanup: () => Promise.resolve(),
  };
}
