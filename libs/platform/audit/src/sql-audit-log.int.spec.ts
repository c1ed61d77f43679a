import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PgliteDatabase, PostgresDatabase, type SqlDatabase } from '@pamoja/event-store';
import { type AuditRecord } from './audit-log.js';
import { SqlAuditLog } from './sql-audit-log.js';

/*
 * What the SQL audit log adds to the port's promises, on both databases: the database itself refuses
 * UPDATE, DELETE and TRUNCATE. The port's promises (append, every auditors' filter and the period, keyset
 * pages newest first, the hash chain under concurrent writers, tampering found) are the contract in
 * libs/testing (audit-log.contract.ts), which this adapter runs on PGlite and on PostgreSQL there.
 */

const TEST_DATABASE_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

const CASE_A = randomUUID();
const CASE_B = randomUUID();
const ASSISTANCE = randomUUID();

function record(overrides: Partial<AuditRecord>): AuditRecord {
  return {
    userId: 'ngo-user',
    agencyId: 'ngo-kivu-hope',
    agencyType: 'first_responder',
    roles: ['field_worker'],
    action: 'command',
    operation: 'submitReferral',
    outcome: 'succeeded',
    jointCaseId: CASE_A,
    subjects: [],
    ids: {},
    purpose: null,
    correlationId: randomUUID(),
    ...overrides,
  };
}

describe.each([
  [
    'PGlite',
    async (): Promise<{ db: SqlDatabase; schema: string }> => ({ db: await PgliteDatabase.open(), schema: 'audit' }),
  ],
  [
    'PostgreSQL',
    (): Promise<{ db: SqlDatabase; schema: string }> =>
      Promise.resolve({
        db: new PostgresDatabase({ connectionString: TEST_DATABASE_URL, applicationName: 'audit-log-spec' }),
        schema: `audit_spec_${randomBytes(4).toString('hex')}`,
      }),
  ],
])('the audit log on %s', (_name, open) => {
  let db: SqlDatabase;
  let schema: string;
  let log: SqlAuditLog;

  beforeAll(async () => {
    ({ db, schema } = await open());
    log = await SqlAuditLog.open(db, { schema });
    await log.append([
      record({ operation: 'submitReferral', ids: { referralId: ['r-1'] }, subjects: ['referral:r-1'] }),
      record({
        userId: 'police-user',
        agencyId: 'pmh-goma',
        agencyType: 'police',
        roles: ['investigator'],
        operation: 'acceptReferral',
        subjects: ['referral:r-1'],
        purpose: 'Planning the visit to the site',
      }),
    ]);
    await log.append([
      record({
        userId: 'ushindi-user',
        agencyId: 'ngo-ushindi',
        agencyType: 'assistance_provider',
        roles: ['case_worker'],
        action: 'personal_data_read',
        operation: 'AssistanceCase.identity',
        jointCaseId: CASE_B,
        subjects: [`assistance:${ASSISTANCE}`],
        purpose: 'Arranging a medical appointment',
      }),
      record({
        userId: 'police-user',
        agencyId: 'saemape-nk',
        agencyType: 'mining_authority',
        roles: ['inspector'],
        operation: 'openInvestigation',
        outcome: 'FORBIDDEN',
        jointCaseId: CASE_B,
      }),
    ]);
  });

  afterAll(async () => {
    if (schema !== 'audit') await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.close();
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    await expect(db.query(`UPDATE ${schema}.entries SET outcome = 'succeeded'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`UPDATE ${schema}.entries SET purpose = NULL WHERE id = -1`)).rejects.toThrow(
      /append-only: UPDATE/,
    );
    await expect(db.query(`DELETE FROM ${schema}.entries WHERE user_id = 'police-user'`)).rejects.toThrow(
      /append-only: DELETE/,
    );
    await expect(db.exec(`TRUNCATE ${schema}.entries`)).rejects.toThrow(/append-only: TRUNCATE/);
    await expect(db.query(`DELETE FROM ${schema}.chain_head`)).rejects.toThrow(/append-only/);
    await expect(db.query(`UPDATE ${schema}.chain_head SET position = 0`)).rejects.toThrow(/one entry forward/);
    expect(await log.query({}, { limit: 10 })).toHaveLength(4);
    expect((await log.query({ operation: 'openInvestigation' }, { limit: 1 }))[0]?.outcome).toBe('FORBIDDEN');
  });
});
