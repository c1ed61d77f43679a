import { describe, expect, it } from '@jest/globals';
import { isReferencedRecordStream, summaryNamingRecord } from './timeline.js';

describe('timeline summaries naming their record by its reference', () => {
  const on = (eventType: string, streamId: string) => ({ eventType, streamId });

  it('puts the reference after the record’s kind where the summary names it', () => {
    expect(
      summaryNamingRecord(
        'Referral submitted to police (urgent)',
        on('ReferralSubmitted', 'referral-r1'),
        'NK-2026-00042-R1',
      ),
    ).toBe('Referral NK-2026-00042-R1 submitted to police (urgent)');
    expect(
      summaryNamingRecord(
        'Investigation opened for forced labour',
        on('InvestigationOpened', 'investigation-v1'),
        'NK-2026-00042-E1',
      ),
    ).toBe('Investigation NK-2026-00042-E1 opened for forced labour');
    expect(
      summaryNamingRecord(
        'Prosecution closed (acquitted)',
        on('ProsecutionClosed', 'prosecution-p1'),
        'SK-2027-00003-P1',
      ),
    ).toBe('Prosecution SK-2027-00003-P1 closed (acquitted)');
  });

  it('names the prosecution and the assistance case their opening events create at the end', () => {
    expect(
      summaryNamingRecord(
        "Case file received by the prosecutor's office",
        on('CaseFileReceived', 'prosecution-p1'),
        'NK-2026-00042-P1',
      ),
    ).toBe("Case file received by the prosecutor's office (NK-2026-00042-P1)");
    expect(
      summaryNamingRecord('Victim taken into assistance', on('VictimRegistered', 'assistance-a1'), 'NK-2026-00042-A1'),
    ).toBe('Victim taken into assistance (NK-2026-00042-A1)');
  });

  it('leaves alone a summary that names no record, one of another stream, and one without a reference yet', () => {
    expect(
      summaryNamingRecord(
        'Evidence recorded (document)',
        on('EvidenceRecorded', 'investigation-v1'),
        'NK-2026-00042-E1',
      ),
    ).toBe('Evidence recorded (document)');
    expect(
      summaryNamingRecord('Referral accepted', on('ReferralAccepted', 'investigation-v1'), 'NK-2026-00042-E1'),
    ).toBe('Referral accepted');
    expect(summaryNamingRecord('Referral accepted', on('ReferralAccepted', 'referral-r1'), null)).toBe(
      'Referral accepted',
    );
    expect(isReferencedRecordStream('site-s1')).toBe(false);
    expect(isReferencedRecordStream('case-c1')).toBe(false);
    expect(isReferencedRecordStream('assistance-a1')).toBe(true);
  });
});
