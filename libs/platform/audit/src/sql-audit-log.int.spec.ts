import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PgliteDatabase, PostgresDatabase, type SqlDatabase } from '@pamoja/event-store';
import { type AuditRecord } from './audit-log.js';
import { SqlAuditLog } from './sql-audit-log.js';

/*
 * The audit log on both databases: append, every auditors' filter and the period, keyset pages newest
 * first, the database refusing UPDATE, DELETE and TRUNCATE, and the hash chain, also under concurrent
 * writers and after a row is altered behind the triggers' back.
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
  let beforeSecond: Date;
  let afterSecond: Date;

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
    await sleep(20);
    beforeSecond = new Date();
    await sleep(20);
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
    await sleep(20);
    afterSecond = new Date();
  });

  afterAll(async () => {
    if (schema !== 'audit') await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.close();
  });

  it('returns every entry newest first, as appended', async () => {
    const all = await log.query({}, { limit: 10 });
    expect(all.map((e) => e.operation)).toEqual([
      'openInvestigation',
      'AssistanceCase.identity',
      'acceptReferral',
      'submitReferral',
    ]);
    expect(all[1]).toMatchObject({
      userId: 'ushindi-user',
      agencyId: 'ngo-ushindi',
      agencyType: 'assistance_provider',
      roles: ['case_worker'],
      action: 'personal_data_read',
      outcome: 'succeeded',
      jointCaseId: CASE_B,
      subjects: [`assistance:${ASSISTANCE}`],
      purpose: 'Arranging a medical appointment',
    });
    expect(all[3]?.ids).toEqual({ referralId: ['r-1'] });
    expect(all.every((e) => e.at instanceof Date && !Number.isNaN(e.at.getTime()))).toBe(true);
    expect(all.map((e) => e.chainPosition)).toEqual(['4', '3', '2', '1']);
  });

  it('filters by subject, case, user, agency, action and operation', async () => {
    const ops = async (filter: Parameters<SqlAuditLog['query']>[0]) =>
      (await log.query(filter, { limit: 10 })).map((e) => e.operation);
    expect(await ops({ subject: 'referral:r-1' })).toEqual(['acceptReferral', 'submitReferral']);
    expect(await ops({ subject: `assistance:${ASSISTANCE}` })).toEqual(['AssistanceCase.identity']);
    expect(await ops({ subject: 'referral:r-2' })).toEqual([]);
    expect(await ops({ jointCaseId: CASE_B })).toEqual(['openInvestigation', 'AssistanceCase.identity']);
    expect(await ops({ userId: 'police-user' })).toEqual(['openInvestigation', 'acceptReferral']);
    expect(await ops({ agencyId: 'pmh-goma' })).toEqual(['acceptReferral']);
    expect(await ops({ action: 'personal_data_read' })).toEqual(['AssistanceCase.identity']);
    expect(await ops({ operation: 'submitReferral' })).toEqual(['submitReferral']);
    expect(await ops({ userId: 'police-user', jointCaseId: CASE_A })).toEqual(['acceptReferral']);
  });

  it('filters by period: from inclusive, to exclusive', async () => {
    const ops = async (from?: Date, to?: Date) =>
      (await log.query({ ...(from ? { from } : {}), ...(to ? { to } : {}) }, { limit: 10 })).map((e) => e.operation);
    expect(await ops(beforeSecond)).toEqual(['openInvestigation', 'AssistanceCase.identity']);
    expect(await ops(undefined, beforeSecond)).toEqual(['acceptReferral', 'submitReferral']);
    expect(await ops(beforeSecond, afterSecond)).toHaveLength(2);
    expect(await ops(afterSecond)).toEqual([]);
  });

  it('pages newest first by keyset', async () => {
    const first = await log.query({}, { limit: 3 });
    expect(first.map((e) => e.operation)).toEqual(['openInvestigation', 'AssistanceCase.identity', 'acceptReferral']);
    const next = await log.query({}, { limit: 3, beforeId: first[1]!.id });
    expect(next.map((e) => e.operation)).toEqual(['acceptReferral', 'submitReferral']);
    const filtered = await log.query({ userId: 'police-user' }, { limit: 1 });
    expect(await log.query({ userId: 'police-user' }, { limit: 5, beforeId: filtered[0]!.id })).toMatchObject([
      { operation: 'acceptReferral' },
    ]);
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

  it('chains every entry, also with concurrent writers', async () => {
    const writers = Array.from({ length: 8 }, (_, i) =>
      log.append([record({ operation: `concurrent-${i}-a` }), record({ operation: `concurrent-${i}-b` })]),
    );
    await Promise.all(writers);
    const all = await log.query({}, { limit: 100 });
    expect(all).toHaveLength(20);
    expect(all.map((e) => Number(e.chainPosition)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(new Set(all.map((e) => e.hash)).size).toBe(20);
    expect(await log.verifyChain()).toEqual({ entries: 20, firstBroken: null });
  });

  it('finds an entry altered behind the triggers, at its position', async () => {
    const [target] = await log.query({ operation: 'acceptReferral' }, { limit: 1 });
    // What only the table's owner can do: switch the trigger off, change a row, switch it back on.
    await db.exec(`ALTER TABLE ${schema}.entries DISABLE TRIGGER entries_append_only;
      UPDATE ${schema}.entries SET outcome = 'FORBIDDEN' WHERE id = ${target!.id};
      ALTER TABLE ${schema}.entries ENABLE TRIGGER entries_append_only;`);
    expect(await log.verifyChain()).toEqual({
      entries: 20,
      firstBroken: { chainPosition: target!.chainPosition, reason: 'the hash does not match the entry' },
    });
  });
});
