import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { migrate, type SqlDatabase, type SqlQueryable } from '@pamoja/event-store';
import { type ErasureReason } from './personal-data-keys.js';
import { destroyPersonalDataKey, PRIVACY_MIGRATIONS, PRIVACY_SCHEMA } from './sql-personal-data-keys.js';

/** The data directory's erasure tombstone list (ADR 0030): one line per destroyed key, kept across restores. */
export const ERASURE_TOMBSTONES_FILE = 'erasures.log';

/** A destroyed data key: whose, when and why. No personal data: the subject id is the log's own pseudonym. */
export interface ErasureTombstone {
  readonly subjectId: string;
  readonly erasedAt: string;
  readonly reason: string;
}

const REASONS: readonly string[] = ['legal_request', 'retention_expired'];

/** A tombstone list that is not one: the file and the line that is wrong, and why. */
export class TombstoneListError extends Error {}

/**
 * Reads a tombstone list (JSON lines). A last line without its newline is a write a crash interrupted: it is
 * left out (the key destruction it preceded did not happen either). Any other line that is not a tombstone is
 * an error naming the file and the line.
 */
export function parseTombstones(text: string, where: string): ErasureTombstone[] {
  const lines = text.split('\n');
  const torn = !text.endsWith('\n');
  const found: ErasureTombstone[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    if (torn && index === lines.length - 1) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new TombstoneListError(`${where}, line ${index + 1}: not a JSON object`);
    }
    const entry = value as Partial<Record<keyof ErasureTombstone, unknown>> | null;
    if (typeof entry !== 'object' || entry === null) {
      throw new TombstoneListError(`${where}, line ${index + 1}: not a JSON object`);
    }
    if (typeof entry.subjectId !== 'string' || entry.subjectId.length === 0) {
      throw new TombstoneListError(`${where}, line ${index + 1}: subjectId must be a non-empty string`);
    }
    if (typeof entry.erasedAt !== 'string' || Number.isNaN(Date.parse(entry.erasedAt))) {
      throw new TombstoneListError(`${where}, line ${index + 1}: erasedAt must be a date-time`);
    }
    if (typeof entry.reason !== 'string' || !REASONS.includes(entry.reason)) {
      throw new TombstoneListError(`${where}, line ${index + 1}: reason must be one of ${REASONS.join(', ')}`);
    }
    found.push({ subjectId: entry.subjectId, erasedAt: entry.erasedAt, reason: entry.reason });
  });
  return found;
}

/** One line per tombstone, each terminated. */
export function formatTombstones(tombstones: readonly ErasureTombstone[]): string {
  return tombstones
    .map((t) => `${JSON.stringify({ subjectId: t.subjectId, erasedAt: t.erasedAt, reason: t.reason })}\n`)
    .join('');
}

/** The union of several lists, one tombstone per subject (the earliest erasure), in subject order. */
export function mergeTombstones(...lists: readonly (readonly ErasureTombstone[])[]): ErasureTombstone[] {
  const bySubject = new Map<string, ErasureTombstone>();
  for (const list of lists) {
    for (const tombstone of list) {
      const known = bySubject.get(tombstone.subjectId);
      if (!known || Date.parse(tombstone.erasedAt) < Date.parse(known.erasedAt)) {
        bySubject.set(tombstone.subjectId, tombstone);
      }
    }
  }
  return [...bySubject.values()].sort((a, b) => (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0));
}

/** A tombstone list file; a missing file is an empty list when `missing` is 'empty'. */
export async function readTombstoneFile(
  path: string,
  missing: 'empty' | 'error' = 'empty',
): Promise<ErasureTombstone[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && missing === 'empty') return [];
    throw error;
  }
  return parseTombstones(text, path);
}

/** The subjects whose key the database records as destroyed. */
export async function erasedSubjects(db: SqlQueryable): Promise<ErasureTombstone[]> {
  const [exists] = await db.query<{ present: boolean }>(
    `SELECT to_regclass('${PRIVACY_SCHEMA}.personal_data_keys') IS NOT NULL AS present`,
  );
  if (!exists?.present) return [];
  const rows = await db.query<{ subject_id: string; erased_at: Date; erase_reason: string | null }>(
    `SELECT subject_id, erased_at, erase_reason FROM ${PRIVACY_SCHEMA}.personal_data_keys
     WHERE erased_at IS NOT NULL ORDER BY subject_id`,
  );
  return rows.map((row) => ({
    subjectId: row.subject_id,
    erasedAt: new Date(row.erased_at).toISOString(),
    reason: row.erase_reason ?? 'legal_request',
  }));
}

/** What applying a tombstone list did. */
export interface AppliedTombstones {
  /** Subjects whose key was destroyed now (live, or never created). */
  readonly destroyed: readonly string[];
  /** Subjects the database already knew as erased. */
  readonly alreadyErased: number;
}

/**
 * Destroys the key of every subject on the list that the database does not record as erased, in one
 * transaction (a subject without a key gets the tombstone row, so no key is ever made for them). The master
 * key that wrapped a destroyed key becomes due for replacement (ADR 0018), as with any erasure.
 */
export async function applyTombstones(
  db: SqlDatabase,
  tombstones: readonly ErasureTombstone[],
): Promise<AppliedTombstones> {
  await migrate(db, PRIVACY_SCHEMA, PRIVACY_MIGRATIONS);
  return db.transaction(async (tx) => {
    const known = new Set((await erasedSubjects(tx)).map((t) => t.subjectId));
    const destroyed: string[] = [];
    for (const tombstone of tombstones) {
      if (known.has(tombstone.subjectId)) continue;
      await destroyPersonalDataKey(
        tx,
        tombstone.subjectId,
        tombstone.reason as ErasureReason,
        new Date(tombstone.erasedAt),
      );
      destroyed.push(tombstone.subjectId);
    }
    return { destroyed, alreadyErased: tombstones.length - destroyed.length };
  });
}

/**
 * The data directory's tombstone list, `erasures.log`, appended to by every key destruction before the key
 * goes (each line written whole and synced), and never rewritten by a restore, which merges it instead: a
 * key destroyed after a backup was taken is destroyed again after that backup is restored (ADR 0030).
 */
export class ErasureTombstoneLog {
  private known: Set<string> | undefined;
  private lock: Promise<unknown> = Promise.resolve();

  constructor(readonly path: string) {}

  private static readonly open = new Map<string, ErasureTombstoneLog>();

  /** The data directory's list: one instance per file in a process, so that its appends never interleave. */
  static inDataDir(dataDir: string): ErasureTombstoneLog {
    const path = resolve(dataDir, ERASURE_TOMBSTONES_FILE);
    let log = ErasureTombstoneLog.open.get(path);
    if (!log) {
      log = new ErasureTombstoneLog(path);
      ErasureTombstoneLog.open.set(path, log);
    }
    return log;
  }

  /** Appends the subject's tombstone, durably, unless the list has it already. */
  async record(subjectId: string, reason: string, at: Date = new Date()): Promise<void> {
    await this.append([{ subjectId, erasedAt: at.toISOString(), reason }]);
  }

  /** Appends a tombstone for every key the database records as destroyed that the list lacks. */
  async recordMissing(db: SqlQueryable): Promise<number> {
    const erased = await erasedSubjects(db);
    return this.append(erased);
  }

  /** Destroys the key of every subject on the list that the database still holds a key for. */
  async enforce(db: SqlDatabase): Promise<AppliedTombstones> {
    const listed = await this.read();
    return listed.length === 0 ? { destroyed: [], alreadyErased: 0 } : applyTombstones(db, listed);
  }

  /** The list as it is on disk. */
  read(): Promise<ErasureTombstone[]> {
    return readTombstoneFile(this.path);
  }

  private append(tombstones: readonly ErasureTombstone[]): Promise<number> {
    const run = this.lock.then(async () => {
      this.known ??= new Set((await this.read()).map((t) => t.subjectId));
      const known = this.known;
      const fresh = mergeTombstones(tombstones).filter((t) => !known.has(t.subjectId));
      if (fresh.length === 0) return 0;
      await mkdir(dirname(this.path), { recursive: true });
      const handle = await open(this.path, 'a+', 0o600);
      try {
        const { size } = await handle.stat();
        if (size > 0) {
          // A line a crash cut short (its key destruction never ran) goes, so that the next one reads whole.
          const last = Buffer.alloc(1);
          await handle.read(last, 0, 1, size - 1);
          if (last[0] !== 0x0a) {
            const text = await readFile(this.path);
            await handle.truncate(text.lastIndexOf(0x0a) + 1);
          }
        }
        await handle.appendFile(formatTombstones(fresh), 'utf8');
        await handle.sync();
        if (size === 0) await syncDirectory(dirname(this.path));
      } finally {
        await handle.close();
      }
      for (const t of fresh) known.add(t.subjectId);
      return fresh.length;
    });
    this.lock = run.catch(() => undefined);
    return run;
  }
}

/** A new file's directory entry made durable (where the file system allows syncing a directory). */
async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EPERM' && code !== 'EISDIR') throw error;
  } finally {
    await handle.close();
  }
}
