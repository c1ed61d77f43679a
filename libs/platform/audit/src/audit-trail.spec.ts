import { describe, expect, it } from '@jest/globals';
import { GraphQLError } from 'graphql';
import { ForbiddenError, InvalidInputError, RuleViolationError, type Actor } from '@pamoja/contracts';
import { AuthenticationError } from '@pamoja/platform/auth';
import { type AuditChainVerification, type AuditEntry, type AuditLog, type AuditRecord } from './audit-log.js';
import { auditOutcomeOf, AuditTrail } from './audit-trail.js';

class FakeLog implements AuditLog {
  readonly appends: AuditRecord[][] = [];
  failing = false;
  append(records: readonly AuditRecord[]): Promise<void> {
    if (this.failing) return Promise.reject(new Error('the database is unreachable'));
    this.appends.push([...records]);
    return Promise.resolve();
  }
  query(): Promise<AuditEntry[]> {
    return Promise.resolve([]);
  }
  verifyChain(): Promise<AuditChainVerification> {
    return Promise.resolve({ entries: 0, firstBroken: null });
  }
}

const POLICE: Actor = { userId: 'opj-1', agencyId: 'pmh-goma', agencyType: 'police', roles: ['investigator'] };
const read = (field: string) => ({
  actor: POLICE,
  correlationId: 'c-1',
  purpose: 'Preparing the arrest warrant',
  field,
  jointCaseId: 'case-1',
  subject: 'suspect:s-1',
});

describe('the audit trail', () => {
  it('writes the reads of one answer in one statement, each caller awaiting its own entry', async () => {
    const log = new FakeLog();
    const trail = new AuditTrail(log);
    await Promise.all([
      trail.recordPersonalDataRead(read('InvestigationSuspect.name')),
      trail.recordPersonalDataRead(read('InvestigationSuspect.dateOfBirth')),
      trail.recordCommand({
        actor: POLICE,
        correlationId: 'c-2',
        purpose: null,
        operation: 'identifySuspect',
        outcome: 'succeeded',
        args: { input: { investigationId: 'i-1', personal: { name: 'Kizito Fictif' } } },
        result: { investigationId: 'i-1', suspectId: 's-1', jointCaseId: 'case-1' },
      }),
    ]);
    expect(log.appends).toHaveLength(1);
    expect(log.appends[0]?.map((r) => [r.action, r.operation, r.subjects])).toEqual([
      ['personal_data_read', 'InvestigationSuspect.name', ['suspect:s-1']],
      ['personal_data_read', 'InvestigationSuspect.dateOfBirth', ['suspect:s-1']],
      ['command', 'identifySuspect', ['investigation:i-1', 'suspect:s-1']],
    ]);
    expect(log.appends[0]?.[2]).toMatchObject({ jointCaseId: 'case-1', userId: 'opj-1', roles: ['investigator'] });
    expect(JSON.stringify(log.appends)).not.toContain('Kizito');
    await trail.recordPersonalDataRead(read('InvestigationSuspect.name'));
    expect(log.appends).toHaveLength(2);
  });

  it('writes one batch at a time: entries asked for during a write go together in the next one', async () => {
    /** A log whose writes end only when the test lets them, counting how many run at once. */
    class SlowLog extends FakeLog {
      running = 0;
      mostAtOnce = 0;
      readonly release: (() => void)[] = [];
      override append(records: readonly AuditRecord[]): Promise<void> {
        this.running += 1;
        this.mostAtOnce = Math.max(this.mostAtOnce, this.running);
        return new Promise<void>((resolve) => {
          this.release.push(() => {
            this.running -= 1;
            this.appends.push([...records]);
            resolve();
          });
        });
      }
    }
    const log = new SlowLog();
    const trail = new AuditTrail(log);
    const until = async (condition: () => boolean): Promise<void> => {
      while (!condition()) await new Promise((resolve) => setImmediate(resolve));
    };
    const first = trail.recordPersonalDataRead(read('InvestigationSuspect.name'));
    await until(() => log.release.length === 1);
    // Three more commands while the first write is under way: none is written yet, nor alone.
    const later = [1, 2, 3].map((n) =>
      trail.recordPersonalDataRead({ ...read('InvestigationSuspect.name'), correlationId: `c-${n}` }),
    );
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(log.release).toHaveLength(1);
    log.release[0]?.();
    await first;
    await until(() => log.release.length === 2);
    log.release[1]?.();
    await Promise.all(later);
    expect(log.appends.map((batch) => batch.length)).toEqual([1, 3]);
    expect(log.mostAtOnce).toBe(1);
  });

  it('fails every caller whose entry could not be written (fail closed)', async () => {
    const log = new FakeLog();
    const trail = new AuditTrail(log);
    log.failing = true;
    const results = await Promise.allSettled([
      trail.recordPersonalDataRead(read('InvestigationSuspect.name')),
      trail.personalDataRead({
        actor: POLICE,
        field: 'AssistanceCase.identity',
        person: 'victim',
        subjectId: 'a-1',
        jointCaseId: null,
        correlationId: 'c-3',
        purpose: null,
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    log.failing = false;
    await trail.personalDataRead({
      actor: POLICE,
      field: 'AssistanceCase.identity',
      person: 'victim',
      subjectId: 'a-1',
      jointCaseId: null,
      correlationId: 'c-3',
      purpose: null,
    });
    expect(log.appends[0]?.[0]).toMatchObject({ subjects: ['assistance:a-1'], outcome: 'succeeded' });
  });

  it('records the policy’s refusals as denied, with the ids of the arguments when given', async () => {
    const log = new FakeLog();
    await new AuditTrail(log).operationDenied({
      actor: POLICE,
      operationType: 'Mutation',
      operation: 'registerVictim',
      correlationId: 'c-4',
      purpose: 'Test',
      args: { input: { jointCaseId: 'case-9', identity: { fullName: 'Amani Fictif' } } },
    });
    expect(log.appends[0]).toEqual([
      expect.objectContaining({
        action: 'command',
        operation: 'registerVictim',
        outcome: 'denied',
        jointCaseId: 'case-9',
        purpose: 'Test',
      }),
    ]);
    expect(JSON.stringify(log.appends)).not.toContain('Amani');
  });

  it('gives the code the caller got as the outcome', () => {
    expect(auditOutcomeOf(new ForbiddenError('no'))).toBe('FORBIDDEN');
    expect(auditOutcomeOf(new RuleViolationError('rule', 'no'))).toBe('RULE_VIOLATION');
    expect(auditOutcomeOf(new InvalidInputError([{ field: 'x', reason: 'y' }]))).toBe('BAD_USER_INPUT');
    expect(auditOutcomeOf(new AuthenticationError('no token'))).toBe('UNAUTHENTICATED');
    expect(auditOutcomeOf(new GraphQLError('slow down', { extensions: { code: 'RATE_LIMITED' } }))).toBe(
      'RATE_LIMITED',
    );
    expect(auditOutcomeOf(new Error('boom'))).toBe('INTERNAL_SERVER_ERROR');
  });
});
