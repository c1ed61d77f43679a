import { createHash, randomBytes } from 'node:crypto';
import { migrate, type Migration, type SqlDatabase, type SqlQueryable } from '@pamoja/event-store';
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
];

export interface SqlPersonalDataKeysOptions {
  /**
   * How long an unwrapped key is kept in memory. A key destroyed in this process stops working at once;
   * in another process within this time. Default 2 s.
   */
  readonly cacheTtlMs?: number;
}

interface KeyRow {
  subject_id: string;
  wrapped_key: Uint8Array | null;
  master_key_id: string | null;
  erased_at: Date | null;
}

/** Destroys a subject's key in the caller's transaction (a projection's), leaving the tombstone. */
export async function destroyPersonalDataKey(
  tx: SqlQueryable,
  subjectId: string,
  reason: ErasureReason,
  at: Date = new Date(),
): Promise<void> {
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

/**
 * Data keys in a table of the store's own database (PostgreSQL or PGlite), wrapped with AES-256-GCM under
 * the master key. Unwrapped keys are cached briefly; an erased subject is remembered for good.
 */
export class SqlPersonalDataKeys implements PersonalDataKeys {
  private readonly cache = new Map<string, { key: Buffer; until: number }>();
  private readonly erased = new Map<string, Date>();
  private readonly ttl: number;
  private readonly kekId: string;

  private constructor(
    private readonly db: SqlDatabase,
    private readonly masterKey: Buffer,
    options: SqlPersonalDataKeysOptions,
  ) {
    if (masterKey.length !== 32) throw new Error('the master key must be 32 bytes');
    this.ttl = options.cacheTtlMs ?? 2000;
    this.kekId = masterKeyId(masterKey);
  }

  static async open(
    db: SqlDatabase,
    masterKey: Buffer,
    options: SqlPersonalDataKeysOptions = {},
  ): Promise<SqlPersonalDataKeys> {
    await migrate(db, PRIVACY_SCHEMA, PRIVACY_MIGRATIONS);
    return new SqlPersonalDataKeys(db, masterKey, options);
  }

  async keyForWriting(subjectId: string): Promise<Buffer> {
    const cached = this.fromCache(subjectId);
    if (cached) return cached;
    if (this.erased.has(subjectId)) throw new PersonalDataErasedError(subjectId);
    const fresh = randomBytes(DATA_KEY_BYTES);
    // Whoever inserts first wins; everyone then reads the one stored key.
    await this.db.query(
      `INSERT INTO ${PRIVACY_SCHEMA}.personal_data_keys (subject_id, wrapped_key, master_key_id)
       VALUES ($1, $2, $3) ON CONFLICT (subject_id) DO NOTHING`,
      [subjectId, wrapKey(this.masterKey, fresh, subjectId), this.kekId],
    );
    fresh.fill(0);
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
      if (row.master_key_id !== this.kekId) {
        throw new Error(
          `the data key of ${row.subject_id} was wrapped under another master key (${row.master_key_id ?? '?'}, ` +
            `this process has ${this.kekId}): check PAMOJA_MASTER_KEY or the data directory's key file`,
        );
      }
      const key = unwrapKey(this.masterKey, Buffer.from(row.wrapped_key), row.subject_id);
      this.cache.set(row.subject_id, { key, until: Date.now() + this.ttl });
      result.set(row.subject_id, { state: 'active', key });
    }
    for (const subjectId of missing) if (!result.has(subjectId)) result.set(subjectId, { state: 'unknown' });
    return result;
  }

  async destroy(subjectId: string, reason: ErasureReason): Promise<void> {
    this.cache.delete(subjectId);
    await destroyPersonalDataKey(this.db, subjectId, reason);
    this.erased.set(subjectId, new Date());
  }

  private fromCache(subjectId: string): Buffer | undefined {
    const entry = this.cache.get(subjectId);
    if (!entry) return undefined;
    if (entry.until > Date.now()) return entry.key;
    this.cache.delete(subjectId);
    return undefined;
  }
}
