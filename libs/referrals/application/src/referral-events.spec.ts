import { describe, expect, it } from '@jest/globals';
import { type RecordedEvent } from '@pamoja/contracts';
import { jointCaseIdFor, referralDeadlineKey, referralDeadlineRule, toReferralEvent } from './index.js';

const COMMAND_ID = '5b0e7a8e-0c1f-4f7a-9d55-2a1f0a3c9e11';
const REFERRAL_ID = '0f7c9a52-54a4-4d5e-8a5c-7d3a2e1b9c40';

function recorded(type: string, data: unknown, schemaVersion = 1, jointCaseId: string | null = null): RecordedEvent {
  return {
    eventId: 'e-1',
    type,
    schemaVersion,
    data,
    metadata: {
      actor: { userId: 'u', agencyId: 'ngo-kivu-hope', agencyType: 'first_responder', roles: [] },
      correlationId: 'c-1',
      causationId: COMMAND_ID,
      jointCaseId,
      occurredAt: '2025-03-10T08:00:00.000Z',
      commandId: COMMAND_ID,
    },
    streamId: `referral-${REFERRAL_ID}`,
    streamRevision: 0,
    globalPosition: 1,
    transactionId: 1,
    recordedAt: new Date('2025-03-10T08:00:00.000Z'),
  };
}

const v1Submitted = (jointCaseId: string | null) => ({
  referralId: REFERRAL_ID,
  jointCaseId,
  site: { code: 'NK-MAS-014', description: null },
  indicators: ['debt_bondage'],
  childLabourFlags: [],
  urgency: 'urgent',
  fromAgencyId: 'ngo-kivu-hope',
  fromAgencyType: 'first_responder',
  toAgencyId: 'pnc-masisi',
  toAgencyType: 'police',
  submittedAt: '2025-03-10T08:00:00.000Z',
  dueBy: '2025-03-12T08:00:00.000Z',
  summary: 'Diggers say the team leader keeps their voter cards.',
});

describe('toReferralEvent', () => {
  it('leaves current versions as they are and refuses an event of another context', () => {
    const accepted = { referralId: REFERRAL_ID, byAgencyId: 'pnc-masisi', acceptedAt: 'x', note: null };
    expect(toReferralEvent(recorded('ReferralAccepted', accepted))).toEqual({
      type: 'ReferralAccepted',
      schemaVersion: 1,
      data: accepted,
    });
    expect(() => toReferralEvent(recorded('MineSiteRegistered', {}))).toThrow(/unexpected event/);
  });
});

describe('referralDeadlineRule', () => {
  const rule = referralDeadlineRule();
  const key = referralDeadlineKey(REFERRAL_ID);

  it('opens one deadline per referral: the receiving agency must answer by dueBy', () => {
    const jointCaseId = jointCaseIdFor(COMMAND_ID);
    expect(key).toBe(`referral:${REFERRAL_ID}`);
    expect(rule.kind).toBe('referral_answer');
    expect(rule.opened(recorded('ReferralSubmitted', v1Submitted(jointCaseId), 1, jointCaseId))).toEqual([
      {
        key,
        kind: 'referral_answer',
        dueAt: '2025-03-12T08:00:00.000Z',
        streamId: `referral-${REFERRAL_ID}`,
        jointCaseId,
        agencyId: 'pnc-masisi',
      },
    ]);
  });

  it.each(['ReferralAccepted', 'ReferralDeclined', 'ReferralRevoked', 'ReferralDeadlineMissed'])(
    'is closed by %s',
    (type) => {
      expect(rule.eventTypes).toContain(type);
      expect(rule.closed(recorded(type, { referralId: REFERRAL_ID }))).toEqual([key]);
      expect(rule.opened(recorded(type, { referralId: REFERRAL_ID }))).toEqual([]);
    },
  );

  it('is neither opened nor closed by a screening or a consent', () => {
    for (const type of ['TraffickingScreeningAssessed', 'ConsentRecorded', 'ConsentWithdrawn']) {
      expect(rule.eventTypes).not.toContain(type);
      expect(rule.closed(recorded(type, { referralId: REFERRAL_ID }))).toEqual([]);
    }
  });
});
