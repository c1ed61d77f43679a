import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { type AuditEntry, type AuditFilter, type AuditLog, type AuditRecord } from '@pamoja/platform/audit';

/** What the contract needs from an adapter's test harness. */
export interface OpenedAuditLog {
  readonly log: AuditLog;
  /**
   * Does behind the log's back what only the owner of its storage can: `alter` changes the stored entry's
   * outcome to `FORBIDDEN`, `remove` deletes the entry. Verification must find both.
   */
  readonly tamper: (entry: AuditEntry, how: 'alter' | 'remove') => Promise<void>;
  /** Drops whatever the log created and releases it. */
  readonly cleanup: () => Promise<void>;
}

/** Opens a fresh, empty audit log. */
export type OpenAuditLog = () => Promise<OpenedAuditLog>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The promises of the audit log port (ADR 0014), on any adapter: entries come back as appended, newest first,
 * in the order of each append; every auditors' filter and the period narrow the list; keyset pages; entries
 * are chained in one sequence, also under concurrent writers; an entry already written never changes; and
 * verifying the chain finds an entry altered or removed behind the log's back, at its position.
 */
export function auditLogContract(name: string, open: OpenAuditLog): void {
  describe(`AuditLog contract: ${name}`, () => {
    describeAuditTrailQueries(open);
    describeAuditChain(open);
  });
}

/**
 * One log, written once: four entries in two appends (a pause between them), then read every way the
 * auditors read it; then sixteen more from eight concurrent writers, and one entry altered.
 */
export function describeAuditTrailQueries(open: OpenAuditLog): void {
  describe('an audit trail, appended and queried', () => {
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

    let opened: OpenedAuditLog;
    let log: AuditLog;
    let beforeSecond: Date;
    let afterSecond: Date;

    beforeAll(async () => {
      opened = await open();
      log = opened.log;
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
      await opened.cleanup();
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
      const ops = async (filter: AuditFilter) => (await log.query(filter, { limit: 10 })).map((e) => e.operation);
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

    it('finds an entry altered behind its back, at its position', async () => {
      const [target] = await log.query({ operation: 'acceptReferral' }, { limit: 1 });
      await opened.tamper(target!, 'alter');
      expect(await log.verifyChain()).toEqual({
        entries: 20,
        firstBroken: { chainPosition: target!.chainPosition, reason: 'the hash does not match the entry' },
      });
    });
  });
}

/** The chain from an empty log on, and what an append may and may not change. A fresh log per test. */
export function describeAuditChain(open: OpenAuditLog): void {
  describe('the hash chain', () => {
    let opened: OpenedAuditLog;
    let log: AuditLog;

    beforeEach(async () => {
      opened = await open();
      log = opened.log;
    });

    afterEach(async () => {
      await opened.cleanup();
    });

    const entry = (operation: string, overrides: Partial<AuditRecord> = {}): AuditRecord => ({
      userId: 'opj-1',
      agencyId: 'pmh-goma',
      agencyType: 'police',
      roles: ['investigator'],
      action: 'query',
      operation,
      outcome: 'succeeded',
      jointCaseId: null,
      subjects: [],
      ids: {},
      purpose: null,
      correlationId: randomUUID(),
      ...overrides,
    });

    it('an empty log has nothing to show and verifies, and appending nothing writes nothing', async () => {
      expect(await log.query({}, { limit: 10 })).toEqual([]);
      expect(await log.verifyChain()).toEqual({ entries: 0, firstBroken: null });
      await log.append([]);
      expect(await log.query({}, { limit: 10 })).toEqual([]);
      expect(await log.verifyChain()).toEqual({ entries: 0, firstBroken: null });
    });

    it('keeps the order of one append and gives each entry the next position and a hash of its own', async () => {
      await log.append(['first', 'second', 'third'].map((operation) => entry(operation)));
      await log.append([entry('fourth')]);
      const all = await log.query({}, { limit: 10 });
      expect(all.map((e) => [e.chainPosition, e.operation])).toEqual([
        ['4', 'fourth'],
        ['3', 'third'],
        ['2', 'second'],
        ['1', 'first'],
      ]);
      // Ids ascend in insertion order (they are the auditors' cursor).
      const ids = all.map((e) => BigInt(e.id));
      expect([...ids].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))).toEqual(ids);
      expect(all.every((e) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
      expect(new Set(all.map((e) => e.hash)).size).toBe(4);
      // The same record appended twice is two entries with different hashes (chained to different predecessors).
      const same = entry('again');
      await log.append([same, same]);
      const [later, earlier] = await log.query({ operation: 'again' }, { limit: 10 });
      expect(later!.hash).not.toBe(earlier!.hash);
      expect(await log.verifyChain()).toEqual({ entries: 6, firstBroken: null });
    });

    it('never changes an entry already written: later appends leave it as it was read', async () => {
      await log.append([
        entry('kept', { subjects: ['suspect:s-1'], ids: { suspectId: ['s-1'] }, purpose: 'A warrant' }),
      ]);
      const [before] = await log.query({ operation: 'kept' }, { limit: 1 });
      await log.append([entry('later-1'), entry('later-2')]);
      await log.append([entry('later-3')]);
      const [after] = await log.query({ operation: 'kept' }, { limit: 1 });
      expect(after).toEqual(before);
      expect(await log.query({ subject: 'suspect:s-1' }, { limit: 10 })).toEqual([before]);
    });

    it('finds an entry removed behind its back: a gap before the position that follows it', async () => {
      await log.append(['one', 'two', 'three', 'four'].map((operation) => entry(operation)));
      const [two] = await log.query({ operation: 'two' }, { limit: 1 });
      await opened.tamper(two!, 'remove');
      expect(await log.verifyChain()).toEqual({
        entries: 3,
        firstBroken: { chainPosition: '3', reason: 'a gap before this position' },
      });
    });

    it('finds the newest entry removed behind its back: the chain no longer reaches its head', async () => {
      await log.append(['one', 'two', 'three'].map((operation) => entry(operation)));
      const [three] = await log.query({ operation: 'three' }, { limit: 1 });
      await opened.tamper(three!, 'remove');
      const verification = await log.verifyChain();
      expect(verification.entries).toBe(2);
      expect(verification.firstBroken).toEqual({ chainPosition: three!.chainPosition, reason: expect.any(String) });
      expect(verification.firstBroken?.reason).not.toBe('');
    });

    it('still appends after tampering, and verification keeps pointing at the first break', async () => {
      await log.append(['one', 'two', 'three'].map((operation) => entry(operation)));
      const [one] = await log.query({ operation: 'one' }, { limit: 1 });
      await opened.tamper(one!, 'alter');
      await log.append([entry('four')]);
      expect((await log.query({}, { limit: 1 }))[0]).toMatchObject({ operation: 'four', chainPosition: '4' });
      expect(await log.verifyChain()).toEqual({
        entries: 4,
        firstBroken: { chainPosition: '1', reason: 'the hash does not match the entry' },
      });
    });
  });
}
