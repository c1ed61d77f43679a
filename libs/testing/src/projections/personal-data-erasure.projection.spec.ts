import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { type Actor } from '@pamoja/contracts';
import { type SqlDatabase } from '@pamoja/event-store';
import {
  type ErasureDeclaration,
  personalDataErasureProjection,
  PRIVACY_SCHEMA,
  SqlPersonalDataKeys,
} from '@pamoja/platform/privacy';
import { ProjectionSpecification, type ProjectionEvent } from '../projection-specification.js';

/*
 * The erasure projection destroys the key of every person an erasure event names, from the log: it finishes
 * the job when the store crashed between appending the erasure and destroying the key, and after a key table
 * is restored from a backup older than the erasure. What users rely on: the person's data can no longer be
 * read, and no new personal data of theirs is recorded.
 */

const MASTER_KEY = randomBytes(32);
const USHINDI: Actor = {
  userId: 'sw-1',
  agencyId: 'ushindi',
  agencyType: 'assistance_provider',
  roles: ['case_worker'],
};

/** As the assistance context declares it: `PersonalDataErased` names the victim's subject id. */
const VICTIM_ERASURE: ErasureDeclaration = {
  eventType: 'PersonalDataErased',
  subjectOf: (data) => String(data['subjectId']),
  reasonOf: (data) => (data['reason'] === 'retention_expired' ? 'retention_expired' : 'legal_request'),
};

const erased = (assistanceId: string, reason: string, erasedAt: string): ProjectionEvent => ({
  type: 'PersonalDataErased',
  streamId: `assistance-${assistanceId}`,
  actor: USHINDI,
  jointCaseId: 'case-1',
  recordedAt: erasedAt,
  data: {
    assistanceId,
    jointCaseId: 'case-1',
    subjectId: `victim-${assistanceId}`,
    reason,
    erasedAt,
    byAgencyId: USHINDI.agencyId,
  },
});

/** The keys as the protected store reads them, without a cache (each read asks the table). */
const keysOf = (db: SqlDatabase) => SqlPersonalDataKeys.open(db, MASTER_KEY, { cacheTtlMs: 0 });

describe('the personal data erasure projection', () => {
  const spec = ProjectionSpecification.for(
    personalDataErasureProjection('assistance.personal-data-erasure', [VICTIM_ERASURE]),
    {
      // The store made the keys when it encrypted the victims' registrations, before any erasure.
      seed: async (db) => {
        const keys = await keysOf(db);
        await keys.keyForWriting('victim-a1');
        await keys.keyForWriting('victim-a2');
      },
    },
  );

  it("destroys the erased victim's key, so their data no longer reads, and leaves the others' keys", () =>
    spec
      .given()
      .when(erased('a1', 'legal_request', '2026-04-01T08:00:00.000Z'))
      .then(async (db) => {
        const found = await (await keysOf(db)).keysForReading(['victim-a1', 'victim-a2']);
        expect(found.get('victim-a1')).toEqual({ state: 'erased', erasedAt: new Date('2026-04-01T08:00:00.000Z') });
        expect(found.get('victim-a2')?.state).toBe('active');
      }));

  it('refuses new personal data of an erased person, also one whose key was never made', () =>
    spec
      .given()
      .when(erased('a9', 'retention_expired', '2026-04-01T08:00:00.000Z'))
      .then(async (db) => {
        await expect((await keysOf(db)).keyForWriting('victim-a9')).rejects.toThrow(/was erased/);
        const [row] = await db.query<{ erase_reason: string }>(
          `SELECT erase_reason FROM ${PRIVACY_SCHEMA}.personal_data_keys WHERE subject_id = 'victim-a9'`,
        );
        expect(row?.erase_reason).toBe('retention_expired');
      }));

  it('keeps when and why the first erasure happened when the person is erased again', () =>
    spec
      .given(erased('a1', 'legal_request', '2026-04-01T08:00:00.000Z'))
      .when(erased('a1', 'retention_expired', '2026-05-01T08:00:00.000Z'))
      .then(async (db) => {
        const [row] = await db.query<{ erased_at: Date; erase_reason: string }>(
          `SELECT erased_at, erase_reason FROM ${PRIVACY_SCHEMA}.personal_data_keys WHERE subject_id = 'victim-a1'`,
        );
        expect(row).toEqual({ erased_at: new Date('2026-04-01T08:00:00.000Z'), erase_reason: 'legal_request' });
      }));

  it('makes the master key due for replacement once a live key is destroyed (its old copies still open with it)', () =>
    spec
      .given()
      .when(erased('a1', 'legal_request', '2026-04-01T08:00:00.000Z'))
      .then(async (db) => {
        expect(await db.query(`SELECT rotation_due FROM ${PRIVACY_SCHEMA}.master_key`)).toEqual([
          { rotation_due: true },
        ]);
      }));

  it('reads no other event: a registration does not touch the keys', () =>
    spec
      .given()
      .when({ type: 'VictimRegistered', streamId: 'assistance-a1', data: { subjectId: 'victim-a1' } })
      .then(async (db) => {
        expect((await (await keysOf(db)).keysForReading(['victim-a1'])).get('victim-a1')?.state).toBe('active');
        expect(await db.query(`SELECT rotation_due FROM ${PRIVACY_SCHEMA}.master_key`)).toEqual([
          { rotation_due: false },
        ]);
      }));
});
