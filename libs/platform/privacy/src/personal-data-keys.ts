import { RuleViolationError } from '@pamoja/contracts';

/** A subject's data key as a reader finds it: usable, destroyed on purpose, or never created. */
export type SubjectKey =
  | { readonly state: 'active'; readonly key: Buffer }
  | { readonly state: 'erased'; readonly erasedAt: Date }
  | { readonly state: 'unknown' };

/** Why a person's data was erased. */
export type ErasureReason = 'legal_request' | 'retention_expired';

/**
 * The key store: one data key per person (subject), created on first use and destroyed on erasure.
 * Destroying a key keeps a tombstone, so an erased person differs from one who never had data, and no
 * new key is ever made for them. A PostgreSQL table here (SqlPersonalDataKeys); a KMS adapter can follow.
 */
export interface PersonalDataKeys {
  /** The subject's data key for encrypting, created on first use. Refuses once the subject is erased. */
  keyForWriting(subjectId: string): Promise<Buffer>;
  /** The keys of these subjects for decrypting, in one look-up. */
  keysForReading(subjectIds: readonly string[]): Promise<ReadonlyMap<string, SubjectKey>>;
  /** Destroys the subject's key for good (idempotent); keeps when and why. */
  destroy(subjectId: string, reason: ErasureReason): Promise<void>;
}

export const PERSONAL_DATA_KEYS = Symbol.for('pamoja.PersonalDataKeys');

/** Writing personal data of a person whose data was erased: refused, the key is gone for good. */
export class PersonalDataErasedError extends RuleViolationError {
  constructor(subjectId: string) {
    super('personal_data_erased', `The personal data of ${subjectId} was erased: no new personal data is recorded`);
  }
}
