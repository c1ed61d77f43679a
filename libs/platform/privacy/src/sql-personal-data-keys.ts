import { createHash, randomBytes } from 'node:crypto';
import { migrate, type Migration, type SqlDatabase, type SqlQueryable } from '@pamoja/event-store';
import { type ErasureTombstoneLog } from './erasure-tombstones.js';
import { type MasterKeyFile, type MasterKeys } from './master-key.js';
import { DATA_KEY_BYTES, unwrapKey, wrapKey } from './personal-data-cipher.js';
import {
  PersonalDataErasedError,
  type ErasureReason,
  type PersonalDataKeys,
  type SubjectKey,
} from './personal-data-keys.js';

export const PRIVACY_SCHEMA = 'privacy';

export const PRIVACY_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'personal data keys, wrapped under the master key; a destroyed key leaves a tombstone',
    up: (s) => `
      CREATE TABLE ${s}.personal_data_keys (
        subject_id text PRIMARY KEY,
        -- IV | tag | data key encrypted under the master key; NULL once destroyed (erased).
        wrapped_key bytea,
        -- Which master key wrapped it (a fingerprint, not the key).
        master_key_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        erased_at timestamptz,
        erase_reason text,
        CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL))
      );
    `,
  },
  {
    version: 2,
    name: 'which master key wraps the data keys, and whether a key was destroyed since it was made (ADR 0018)',
    up: (s) => `
      CREATE TABLE ${s}.master_key (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        -- Fingerprint of the master key every data key is wrapped under since the last rotation (not the key).
        master_key_id text,
        -- A data key was destroyed since: its old wrapped copies (old row versions, the WAL, copies of the
        -- files) still open with the current master key until it is replaced.
        rotation_due boolean NOT NULL DEFAULT false,
        rotated_at timestamptz
      );
      INSERT INTO ${s}.master_key (singleton, master_key_id, rotation_due)
        SELECT true, NULL, EXISTS (SELECT 1 FROM ${s}.personal_data_keys WHERE erased_at IS NOT NULL);
    `,
  },
  {
    version: 3,
    name: 'no planner statistics of the wrapped keys',
    // ANALYZE (autovacuum's, a rebuild's: ADR 0039) keeps a sample of a column's values in the catalogue, where
    // destroying a key would not reach them: one more old copy of a wrapped key, for the rotation to make useless.
    // Nothing is ever looked up by wrapped key, so the planner loses nothing.
    up: (s) => `ALTER TABLE ${s}.personal_data_keys ALTER COLUMN wrapped_key SET STATISTICS 0;`,
  },
];

/** Steps of a rotation of the data directory's master key, in order; a test fails one to simulate a crash. */
export type RotationStep = 'next-key-written' | 'keys-rewrapped' | 'committed' | 'promoted';

export interface SqlPersonalDataKeysOptions {
  /**
   * How long an unwrapped key is kept in memory. A key destroyed in this process stops working at once;
   * in another process within this time. Default 2 s.
   */
  readonly cacheTtlMs?: number;
  /** Called after each step of a master key rotation (tests: throwing there is a crash at that point). */
  readonly onRotationStep?: (step: RotationStep) => void | Promise<void>;
}

interface KeyRow {
  subject_id: string;
  wrapped_key: Uint8Array | null;
  master_key_id: string | null;
  erased_at: Date | null;
}

interface MasterKeyRow {
  master_key_id: string | null;
  rotation_due: boolean;
}

/** Destroys a subject's key in the caller's transaction (a projection's), leaving the tombstone. */
export async function destroyPersonalDataKey(
  tx: SqlQueryable,
  subjectId: string,
  reason: ErasureReason,
  at: Date = new Date(),
): Promise<void> {
  // Destroying a live key makes the master key that wrapped it due for replacement (ADR 0018).
  await tx.query(
    `UPDATE ${PRIVACY_SCHEMA}.master_key SET rotation_due = true
     WHERE EXISTS (SELECT 1 FROM ${PRIVACY_SCHEMA}.personal_data_keys WHERE subject_id = $1 AND wrapped_key IS NOT NULL)`,
    [subjectId],
  );
  await tx.query(
    `INSERT INTO ${PRIVACY_SCHEMA}.personal_data_keys (subject_id, wrapped_key, master_key_id, erased_at, erase_reason)
     VALUES ($1, NULL, NULL, $2, $3)
     ON CONFLICT (subject_id) DO UPDATE
       SET wrapped_key = NULL, master_key_id = NULL,
           erased_at = coalesce(personal_data_keys.erased_at, excluded.erased_at),
           erase_reason = coalesce(personal_data_keys.erase_reason, excluded.erase_reason)`,
    [subjectId, at.toISOString(), reason],
  );
}

/** A short, non-secret name for a master key, so a wrong key is reported as such. */
export function masterKeyId(masterKey: Buffer): string {
  return createHash('sha256').update('pamoja.master-key-id').update(masterKey).digest('hex').slice(0, 16);
}

/** What a re-wrapping did: keys moved to the new master key, keys already under it. */
interface RewrapResult {
  readonly rewrapped: number;
  readonly alreadyCurrent: number;
  readonly masterKeyId: string;
}

const REWRAP_BATCH = 500;

/**
 * Re-wraps every live data key under `to`, in the caller's transaction, unwrapping each with whichever of
 * `from` wrapped it, and records `to` as the master key of the table (no rotation due). A key wrapped under
 * a master key that is not given fails the whole transaction: nothing is half re-wrapped.
 */
export async function rewrapPersonalDataKeys(
  tx: SqlQueryable,
  from: readonly Buffer[],
  to: Buffer,
): Promise<RewrapResult> {
  const toId = masterKeyId(to);
  const byId = new Map(from.map((key) => [masterKeyId(key), key]));
  const rows = await tx.query<KeyRow>(
    `SELECT subject_id, wrapped_key, master_key_id, erased_at FROM ${PRIVACY_SCHEMA}.personal_data_keys
     WHERE wrapped_key IS NOT NULL ORDER BY subject_id FOR UPDATE`,
  );
  let alreadyCurrent = 0;
  const pending: { subject: string; wrapped: string }[] = [];
  for (const row of rows) {
    if (row.master_key_id === toId) {
      alreadyCurrent += 1;
      continue;
    }
    const master = row.master_key_id === null ? undefined : byId.get(row.master_key_id);
    if (!master || row.wrapped_key === null) {
      throw new Error(
        `the data key of ${row.subject_id} is wrapped under master key ${row.master_key_id ?? '?'}, ` +
          `which was not given (given: ${[...byId.keys()].join(', ') || 'none'}); nothing was re-wrapped`,
      );
    }
    const key = unwrapKey(master, Buffer.from(row.wrapped_key), row.subject_id);
    pending.push({ subject: row.subject_id, wrapped: wrapKey(to, key, row.subject_id).toString('hex') });
    key.fill(0);
  }
  for (let i = 0; i < pending.length; i += REWRAP_BATCH) {
    const batch = pending.slice(i, i + REWRAP_BATCH);
    await tx.query(
      `UPDATE ${PRIVACY_SCHEMA}.personal_data_keys AS k
       SET wrapped_key = decode(u.wrapped, 'hex'), master_key_id = $3
       FROM unnest($1::text[], $2::text[]) AS u(subject_id, wrapped)
       WHERE k.subject_id = u.subject_id`,
      [batch.map((p) => p.subject), batch.map((p) => p.wrapped), toId],
    );
  }
  await tx.query(
    `UPDATE ${PRIVACY_SCHEMA}.master_key SET master_key_id = $1, rotation_due = false, rotated_at = now()`,
    [toId],
  );
  return { rewrapped: pending.length, alreadyCurrent, masterKeyId: toId };
}

/**
 * Data keys in a table of the store's own database (PostgreSQL or PGlite), wrapped with AES-256-GCM under
 * the master key. Unwrapped keys are cached briefly; an erased subject is remembered for good.
 *
 * With the data directory's key file (embedded mode), destroying a key also replaces the master key
 * (ADR 0018): the remaining keys are re-wrapped under a new one and the old key file is replaced, so the
 * destroyed key's old wrapped copies (old row versions, the WAL, copies of the directory) open with no key
 * that still exists. Key look-ups wait while a rotation runs.
 */
export class SqlPersonalDataKeys implements PersonalDataKeys {
  private readonly cache = new Map<string, { key: Buffer; until: number }>();
  private readonly erased = new Map<string, Date>();
  private readonly ttl: number;
  /** Master keys that unwrap, by fingerprint; `current` also wraps. */
  private readonly unwrapping = new Map<string, Buffer>();
  private current: Buffer;
  private currentId: string;
  private readonly file: MasterKeyFile | undefined;
  private readonly erasureLog: ErasureTombstoneLog | undefined;
  /** Serialises key look-ups with a rotation (file mode only). */
  private lock: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly db: SqlDatabase,
    masterKeys: MasterKeys,
    private readonly options: SqlPersonalDataKeysOptions,
  ) {
    for (const key of [masterKeys.current, ...masterKeys.previous]) {
      if (key.length !== 32) throw new Error('the master key must be 32 bytes');
      this.unwrapping.set(masterKeyId(key), key);
    }
    this.ttl = options.cacheTtlMs ?? 2000;
    this.current = masterKeys.current;
    this.currentId = masterKeyId(masterKeys.current);
    this.file = masterKeys.file;
    this.erasureLog = masterKeys.erasureLog;
  }

  /**
   * Opens the key table. With the key file, first finishes or rolls back a rotation a crash interrupted,
   * then rotates if a key was destroyed since the last rotation.
   */
  static async open(
    db: SqlDatabase,
    masterKey: Buffer | MasterKeys,
    options: SqlPersonalDataKeysOptions = {},
  ): Promise<SqlPersonalDataKeys> {
    await migrate(db, PRIVACY_SCHEMA, PRIVACY_MIGRATIONS);
    const keys = new SqlPersonalDataKeys(
      db,
      Buffer.isBuffer(masterKey) ? { current: masterKey, previous: [] } : masterKey,
      options,
    );
    await keys.start();
    return keys;
  }

  /** The fingerprint of the master key that wraps new keys. */
  get masterKeyId(): string {
    return this.currentId;
  }

  async keyForWriting(subjectId: string): Promise<Buffer> {
    const cached = this.fromCache(subjectId);
    if (cached) return cached;
    if (this.erased.has(subjectId)) throw new PersonalDataErasedError(subjectId);
    await this.guarded(async () => {
      const fresh = randomBytes(DATA_KEY_BYTES);
      // Whoever inserts first wins; everyone then reads the one stored key.
      await this.db.query(
        `INSERT INTO ${PRIVACY_SCHEMA}.personal_data_keys (subject_id, wrapped_key, master_key_id)
         VALUES ($1, $2, $3) ON CONFLICT (subject_id) DO NOTHING`,
        [subjectId, wrapKey(this.current, fresh, subjectId), this.currentId],
      );
      fresh.fill(0);
    });
    const found = (await this.keysForReading([subjectId])).get(subjectId);
    if (found?.state === 'active') return found.key;
    throw new PersonalDataErasedError(subjectId);
  }

  async keysForReading(subjectIds: readonly string[]): Promise<ReadonlyMap<string, SubjectKey>> {
    const result = new Map<string, SubjectKey>();
    const missing: string[] = [];
    for (const subjectId of new Set(subjectIds)) {
      const erasedAt = this.erased.get(subjectId);
      const cached = this.fromCache(subjectId);
      if (erasedAt) result.set(subjectId, { state: 'erased', erasedAt });
      else if (cached) result.set(subjectId, { state: 'active', key: cached });
      else missing.push(subjectId);
    }
    if (missing.length === 0) return result;
    await this.guarded(async () => {
      const rows = await this.db.query<KeyRow>(
        `SELECT subject_id, wrapped_key, master_key_id, erased_at FROM ${PRIVACY_SCHEMA}.personal_data_keys
         WHERE subject_id = ANY($1::text[])`,
        [missing],
      );
      for (const row of rows) {
        if (row.wrapped_key === null) {
          const erasedAt = new Date(row.erased_at ?? 0);
          this.erased.set(row.subject_id, erasedAt);
          result.set(row.subject_id, { state: 'erased', erasedAt });
          continue;
        }
        const master = row.master_key_id === null ? undefined : this.unwrapping.get(row.master_key_id);
        if (!master) {
          throw new Error(
            `the data key of ${row.subject_id} was wrapped under another master key (${row.master_key_id ?? '?'}, ` +
              `this process has ${[...this.unwrapping.keys()].join(', ')}): check PAMOJA_MASTER_KEY ` +
              `(and PAMOJA_MASTER_KEY_PREVIOUS during a rotation) or the data directory's key file`,
          );
        }
        const key = unwrapKey(master, Buffer.from(row.wrapped_key), row.subject_id);
        this.cache.set(row.subject_id, { key, until: Date.now() + this.ttl });
        result.set(row.subject_id, { state: 'active', key });
      }
    });
    for (const subjectId of missing) if (!result.has(subjectId)) result.set(subjectId, { state: 'unknown' });
    return result;
  }

  async destroy(subjectId: string, reason: ErasureReason): Promise<void> {
    this.cache.delete(subjectId);
    // The tombstone first, synced: no key is gone without it, so a restore of an older backup destroys the
    // key again (ADR 0030). The erasure is already in the log: a tombstone whose destruction a crash stopped
    // is one the erasure projection completes.
    await this.erasureLog?.record(subjectId, reason);
    await destroyPersonalDataKey(this.db, subjectId, reason);
    this.erased.set(subjectId, new Date());
    // The old wrapped key stays in the database's files: replace the master key that opens it.
    if (this.file) await this.rotateIfDue();
  }

  /** Rotates the key file's master key if a key was destroyed since the last rotation. */
  async rotateIfDue(): Promise<boolean> {
    const file = this.file;
    if (!file) return false;
    return this.exclusive(async () => {
      await this.recover(file);
      const [state] = await this.db.query<MasterKeyRow>(
        `SELECT master_key_id, rotation_due FROM ${PRIVACY_SCHEMA}.master_key`,
      );
      if (!state?.rotation_due) return false;
      await this.rotate(file);
      return true;
    });
  }

  /** Rotates the key file's master key now (the keys tool); refused with `PAMOJA_MASTER_KEY`. */
  async rotateNow(): Promise<RewrapResult> {
    const file = this.file;
    if (!file) throw new Error('the master key is not the data directory key file: rotate it with the keys tool');
    return this.exclusive(async () => {
      await this.recover(file);
      return this.rotate(file);
    });
  }

  private async start(): Promise<void> {
    const file = this.file;
    if (file) await this.exclusive(() => this.recover(file));
    if (this.erasureLog) {
      // A directory brought back from an older copy: the keys its tombstone list names go again (ADR 0030).
      await this.erasureLog.enforce(this.db);
      // Keys the erasure projection destroyed (after a crash between an erasure and its key) join the list.
      await this.erasureLog.recordMissing(this.db);
    }
    // An installation from before ADR 0018 (or a new one): its keys are under the key it runs with.
    await this.db.query(`UPDATE ${PRIVACY_SCHEMA}.master_key SET master_key_id = $1 WHERE master_key_id IS NULL`, [
      this.currentId,
    ]);
    if (file) await this.rotateIfDue();
  }

  /**
   * A rotation a crash interrupted: `master-key.next` is there. The database says which key wraps its keys
   * (it records the fingerprint in the re-wrapping transaction): the next one means the transaction
   * committed, so the next file replaces the old; the current one means it did not, so the next file goes.
   */
  private async recover(file: MasterKeyFile): Promise<void> {
    const next = await file.readNext();
    if (next === undefined) return;
    const [state] = await this.db.query<MasterKeyRow>(
      `SELECT master_key_id, rotation_due FROM ${PRIVACY_SCHEMA}.master_key`,
    );
    const recorded = state?.master_key_id ?? null;
    if (next !== 'unreadable' && recorded === masterKeyId(next)) {
      await file.syncDatabaseLog();
      await file.promoteNext();
      this.use(next);
      return;
    }
    if (recorded !== null && recorded !== this.currentId) {
      // Neither file opens the keys: touch nothing, an operator must find the right key.
      throw new Error(
        `the personal-data keys are wrapped under master key ${recorded}, held neither by ${file.path} ` +
          `(${this.currentId}) nor by ${file.nextPath}: restore the matching key file`,
      );
    }
    await file.discardNext();
  }

  /** The three durable steps; see ADR 0018. Runs under the exclusive lock, after `recover`. */
  private async rotate(file: MasterKeyFile): Promise<RewrapResult> {
    const step = async (name: RotationStep) => this.options.onRotationStep?.(name);
    const next = randomBytes(32);
    // 1. The new key on disk, whole, before any data key depends on it.
    await file.writeNext(next);
    await step('next-key-written');
    // 2. Every live data key re-wrapped under it, and its fingerprint recorded, in one transaction.
    const result = await this.db.transaction(async (tx) => {
      const done = await rewrapPersonalDataKeys(tx, [this.current], next);
      await step('keys-rewrapped');
      return done;
    });
    this.use(next);
    await step('committed');
    // 3. The commit durable on disk, then the new key file in place of the old in one rename.
    await file.syncDatabaseLog();
    await file.promoteNext();
    await step('promoted');
    return result;
  }

  /** From now on `key` wraps and unwraps; the previous key is forgotten (and wiped: it was read from the file). */
  private use(key: Buffer): void {
    const old = this.current;
    this.unwrapping.clear();
    this.unwrapping.set(masterKeyId(key), key);
    this.current = key;
    this.currentId = masterKeyId(key);
    if (old !== key) old.fill(0);
  }

  private guarded<T>(work: () => Promise<T>): Promise<T> {
    return this.file ? this.exclusive(work) : work();
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.lock.then(work, work);
    this.lock = run.catch(() => undefined);
    return run;
  }

  private fromCache(subjectId: string): Buffer | undefined {
    const entry = this.cache.get(subjectId);
    if (!entry) return undefined;
    if (entry.until > Date.now()) return entry.key;
    this.cache.delete(subjectId);
    return undefined;
  }
}
