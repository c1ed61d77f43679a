import { describe, expect, it } from '@jest/globals';
import { jointCaseIdOpenedBy, type RecordedEvent } from '@pamoja/contracts';
import { REFERRAL_UPCASTERS } from './referral.upcasters.js';

const COMMAND_ID = '5b0e7a8e-0c1f-4f7a-9d55-2a1f0a3c9e11';
const REFERRAL_ID = '0f7c9a52-54a4-4d5e-8a5c-7d3a2e1b9c40';

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

function recordedV1(data: unknown): RecordedEvent {
  return {
    eventId: 'e-1',
    type: 'ReferralSubmitted',
    schemaVersion: 1,
    data,
    metadata: {
      actor: { userId: 'u', agencyId: 'ngo-kivu-hope', agencyType: 'first_responder', roles: [] },
      correlationId: 'c-1',
      causationId: COMMAND_ID,
      jointCaseId: null,
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

describe('REFERRAL_UPCASTERS: ReferralSubmitted v1 → v2', () => {
  const [step] = REFERRAL_UPCASTERS;

  it('is the one step the context declares, from version 1 of ReferralSubmitted', () => {
    expect(REFERRAL_UPCASTERS.map((u) => `${u.type}@${u.fromVersion}`)).toEqual(['ReferralSubmitted@1']);
  });

  it('tells a joint case the referral opened (its id derived from the command id) from one it joined', () => {
    const openedData = v1Submitted(jointCaseIdOpenedBy(COMMAND_ID));
    expect(step?.upcast(openedData, recordedV1(openedData))).toMatchObject({
      jointCase: 'opened',
      subject: { isChild: null },
      childProtectionBasis: false,
      referralId: REFERRAL_ID,
    });
    const joinedData = v1Submitted('7d9f0c1e-2b3a-4c5d-8e6f-0a1b2c3d4e5f');
    expect(step?.upcast(joinedData, recordedV1(joinedData))).toMatchObject({ jointCase: 'joined' });
  });
});
