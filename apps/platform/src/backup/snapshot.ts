import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type SqlDatabase, type SqlQueryable } from '@pamoja/event-store';
import { ErasureTombstoneLog, MASTER_KEY_FILE, masterKeyId, NEXT_MASTER_KEY_FILE } from '@pamoja/platform/privacy';
import { type KeyStoreFacts, type LogPositionFacts } from './manifest.js';

/** Files of a data directory that are not data: the lock, the backup channel, a key file being written. */
const LOCK_FILE = 'pamoja.pid';
export const CHANNEL_DIR = 'run';
const DRAFT_KEY = /^master-key\.\d+\.[0-9a-f]+$/;

function isData(relative: string): boolean {
  const top = relative.split('/')[0] ?? '';
  if (relative === LOCK_FILE || top === CHANNEL_DIR || DRAFT_KEY.test(relative)) return false;
  // The key files are copied as read beside the database state, not as found later.
  if (relative === MASTER_KEY_FILE || relative === NEXT_MASTER_KEY_FILE) return false;
  // PGlite runs single-user: a postmaster.pid left in its directory would only stop a restored server.
  return relative !== 'pglite/postmaster.pid';
}

/** What the snapshot saw, inside the same exclusive hold as the copy. */
export interface SnapshotFacts {
  readonly head: LogPositionFacts | null;
  readonly keyStore: KeyStoreFacts;
  /** The copied files, relative to the data directory, with `/`. */
  readonly files: readonly string[];
  /** Every directory, empty ones included (PostgreSQL needs its empty directories), parents first. */
  readonly directories: readonly string[];
}

async function tableExists(db: SqlQueryable, table: string): Promise<boolean> {
  const [row] = await db.query<{ present: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS present`, [table]);
  return row?.present === true;
}

async function logHead(db: SqlQueryable): Promise<LogPositionFacts | null> {
  if (!(await tableExists(db, 'event_store.events'))) return null;
  const [row] = await db.query<{ transaction_id: string; global_position: string }>(
    `SELECT transaction_id::text AS transaction_id, global_position::text AS global_position FROM event_store.events
     ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
  );
  return row ? { transactionId: Number(row.transaction_id), globalPosition: Number(row.global_position) } : null;
}

async function keyStoreState(db: SqlQueryable): Promise<Omit<KeyStoreFacts, 'masterKeyFile'>> {
  if (!(await tableExists(db, 'privacy.personal_data_keys'))) {
    return { masterKeyId: null, rotationDue: false, liveKeys: 0, erasedKeys: 0 };
  }
  const [counts] = await db.query<{ live: number; erased: number }>(
    `SELECT count(*) FILTER (WHERE wrapped_key IS NOT NULL)::int AS live,
            count(*) FILTER (WHERE wrapped_key IS NULL)::int AS erased
     FROM privacy.personal_data_keys`,
  );
  const [state] = (await tableExists(db, 'privacy.master_key'))
    ? await db.query<{ master_key_id: string | null; rotation_due: boolean }>(
        `SELECT master_key_id, rotation_due FROM privacy.master_key`,
      )
    : [];
  return {
    masterKeyId: state?.master_key_id ?? null,
    rotationDue: state?.rotation_due ?? false,
    liveKeys: counts?.live ?? 0,
    erasedKeys: counts?.erased ?? 0,
  };
}

async function listTree(
  root: string,
  dir = '',
  found: { files: string[]; directories: string[] } = { files: [], directories: [] },
): Promise<{ files: string[]; directories: string[] }> {
  for (const entry of await readdir(join(root, dir), { withFileTypes: true })) {
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    if (!isData(relative)) continue;
    if (entry.isDirectory()) {
      found.directories.push(relative);
      await listTree(root, relative, found);
    } else if (entry.isFile()) {
      found.files.push(relative);
    }
  }
  return found;
}

async function readKeyFile(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Copies an embedded data directory into `into` at one point of the log: inside one transaction of the
 * database's one connection, so that no append, projection batch or key change runs meanwhile (PGlite runs
 * one transaction at a time, and every statement waits for it), after a CHECKPOINT has written every page
 * and the write-ahead log to the files. The key files are read in the same hold; a master key rotation
 * (ADR 0018) changes them outside the database, so the copy must hold a key file whose fingerprint the
 * database records (`master-key`, or `master-key.next` which the next start promotes): checked here.
 * The tombstone list is brought up to date from the key table first.
 */
export async function takeSnapshot(
  db: SqlDatabase,
  dataDir: string,
  into: string,
  options: { readonly keyFromEnvironment: boolean },
): Promise<SnapshotFacts> {
  await ErasureTombstoneLog.inDataDir(dataDir).recordMissing(db);
  return db.transaction(async (tx) => {
    await tx.exec('CHECKPOINT');
    const head = await logHead(tx);
    const keys = await keyStoreState(tx);
    // The next key first: a rotation's last step renames it over `master-key` (see the ADR).
    const next = await readKeyFile(join(dataDir, NEXT_MASTER_KEY_FILE));
    const current = await readKeyFile(join(dataDir, MASTER_KEY_FILE));
    if (!options.keyFromEnvironment && keys.masterKeyId !== null) {
      const held = [current, next]
        .filter((k): k is string => k !== undefined)
        .map((k) => Buffer.from(k.trim(), 'base64'))
        .filter((k) => k.length === 32)
        .map(masterKeyId);
      if (!held.includes(keys.masterKeyId)) {
        throw new Error(
          `the data directory holds no key file of master key ${keys.masterKeyId}, which wraps the personal-data ` +
            `keys (it holds ${held.join(', ') || 'none'}; set PAMOJA_MASTER_KEY if the platform runs with it): ` +
            'no backup taken',
        );
      }
    }
    const { files: copied, directories } = await listTree(dataDir);
    for (const relative of directories) await mkdir(join(into, relative), { recursive: true });
    for (const relative of copied) await copyFile(join(dataDir, relative), join(into, relative));
    const keyFiles: string[] = [];
    for (const [name, content] of [
      [MASTER_KEY_FILE, current],
      [NEXT_MASTER_KEY_FILE, next],
    ] as const) {
      if (content === undefined) continue;
      await writeFile(join(into, name), content, { mode: 0o600 });
      keyFiles.push(name);
    }
    return {
      head,
      keyStore: { ...keys, masterKeyFile: current !== undefined },
      files: [...copied, ...keyFiles].sort(),
      directories: directories.sort(),
    };
  });
}
