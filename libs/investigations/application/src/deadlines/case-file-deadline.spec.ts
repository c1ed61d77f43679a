import { describe, expect, it } from '@jest/globals';
import { type RecordedEvent } from '@pamoja/contracts';
import { caseFileDeadlineCommandId } from '../commands/investigation-command.js';
import { caseFileDeadlineKey, caseFileDeadlineRule, caseFileOfDeadline } from './case-file-deadline.js';

const INVESTIGATION_ID = '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const STREAM_ID = `investigation-${INVESTIGATION_ID}`;

function recorded(type: string, data: Record<string, unknown>): RecordedEvent {
  return {
    eventId: 'e-1',
    type,
    schemaVersion: 1,
    data: { investigationId: INVESTIGATION_ID, caseFileId: 'cf:1', ...data },
    metadata: {
      actor: { userId: 'u', agencyId: 'pmh-masisi', agencyType: 'police', roles: [] },
      correlationId: 'c',
      causationId: null,
      jointCaseId: 'case-1',
      occurredAt: '2025-03-11T09:30:00.000Z',
    },
    streamId: STREAM_ID,
    streamRevision: 3,
    globalPosition: 10,
    transactionId: 5,
    recordedAt: new Date('2025-03-11T09:30:00.000Z'),
  };
}

describe('case-file acknowledgement deadline', () => {
  const rule = caseFileDeadlineRule();

  it('opens when a case file is transmitted, due when the office must acknowledge', () => {
    const transmitted = recorded('CaseFileTransmitted', {
      toProsecutorOfficeId: 'parquet-goma',
      dueBy: '2025-03-25T08:00:00.000Z',
    });
    expect(rule.opened(transmitted)).toEqual([
      {
        key: caseFileDeadlineKey(INVESTIGATION_ID, 'cf:1'),
        kind: 'case_file_acknowledgement',
        dueAt: '2025-03-25T08:00:00.000Z',
        streamId: STREAM_ID,
        jointCaseId: 'case-1',
        agencyId: 'parquet-goma',
      },
    ]);
    expect(rule.closed(transmitted)).toEqual([]);
  });

  it('closes on the acknowledgement and on the recorded miss, so it is raised once', () => {
    const key = caseFileDeadlineKey(INVESTIGATION_ID, 'cf:1');
    expect(rule.closed(recorded('CaseFileAcknowledgementRecorded', {}))).toEqual([key]);
    expect(rule.closed(recorded('CaseFileAcknowledgementDeadlineMissed', {}))).toEqual([key]);
    expect(rule.opened(recorded('InvestigationClosed', {}))).toEqual([]);
  });

  it('finds the investigation and case file of a due deadline, and always the same command id', () => {
    const key = caseFileDeadlineKey(INVESTIGATION_ID, 'cf:1');
    expect(caseFileOfDeadline({ key, streamId: STREAM_ID })).toEqual({
      investigationId: INVESTIGATION_ID,
      caseFileId: 'cf:1',
    });
    expect(() => caseFileOfDeadline({ key: 'referral:1', streamId: STREAM_ID })).toThrow();
    expect(caseFileDeadlineCommandId(INVESTIGATION_ID, 'cf:1')).toBe(
      caseFileDeadlineCommandId(INVESTIGATION_ID, 'cf:1'),
    );
    expect(caseFileDeadlineCommandId(INVESTIGATION_ID, 'cf:1')).not.toBe(
      caseFileDeadlineCommandId(INVESTIGATION_ID, 'cf:2'),
    );
  });
});
