import { describe, expect, it } from '@jest/globals';
import {
  eventTypeInWords,
  RESTRICTED_ACTIVITY_NOTICE,
  siteRegionOf,
  summarize,
  type JointCaseEvent,
} from './timeline.js';

type Shared<T extends JointCaseEvent['type']> = Extract<JointCaseEvent, { readonly type: T }>['data'];

/**
 * A shared event as the coordination body receives it, with only the fields its sentence reads (the rest
 * of the data does not change the summary); the parsers checked the data before it gets here.
 */
function shared<T extends JointCaseEvent['type']>(type: T, data: Partial<Shared<T>>): JointCaseEvent {
  return {
    eventId: 'e1',
    type,
    schemaVersion: 1,
    streamId: 's1',
    streamRevision: 0,
    transactionId: 1,
    globalPosition: 1,
    recordedAt: new Date('2026-12-01T08:00:00.000Z'),
    data,
    metadata: {
      actor: { userId: 'withheld', agencyId: 'a1', agencyType: 'police', roles: [] },
      correlationId: 'c1',
      causationId: null,
      jointCaseId: 'j1',
      occurredAt: '2026-12-01T08:00:00.000Z',
    },
    // Partial data on purpose: the summary reads only these fields.
  } as unknown as JointCaseEvent;
}

describe('the joint timeline', () => {
  it('tells what happened in a few words, from the shared fields', () => {
    expect(summarize(shared('ReferralSubmitted', { toAgencyType: 'police', urgency: 'routine' }))).toBe(
      'Referral submitted to police',
    );
    expect(summarize(shared('ReferralSubmitted', { toAgencyType: 'assistance_provider', urgency: 'immediate' }))).toBe(
      'Referral submitted to an assistance provider (immediate)',
    );
    // The day as people in Goma see it: 23:30 UTC is already the next day there.
    expect(summarize(shared('HearingScheduled', { scheduledFor: '2026-12-02T23:30:00.000Z' }))).toBe(
      'Hearing scheduled for 2026-12-03',
    );
    expect(summarize(shared('VerdictRendered', { verdict: 'convicted' }))).toBe('Verdict rendered: convicted');
    expect(summarize(shared('SentenceImposed', { imprisonmentMonths: 60 }))).toBe(
      "Sentence imposed: 60 months' imprisonment",
    );
    expect(summarize(shared('ServiceProvided', { kind: 'legal_aid' }))).toBe('Service provided (legal aid)');
    expect(summarize(shared('NeedsAssessed', { needs: [{ need: 'medical', priority: 'high' }] }))).toBe(
      'Needs assessed (1 need)',
    );
    expect(summarize(shared('ConsentRecorded', { givenBy: 'guardian' }))).toBe(
      'Consent recorded (given by a guardian)',
    );
  });

  it('still says something for a type it has no sentence for, and for missing fields', () => {
    expect(eventTypeInWords('SomethingNewHappened')).toBe('Something new happened');
    expect(summarize(shared('HearingScheduled', {}))).toBe('Hearing scheduled');
    expect(summarize(shared('ReferralSubmitted', {}))).toBe('Referral submitted to another agency');
  });

  it('has nothing to tell of a notice of restricted activity', () => {
    expect(summarize(shared(RESTRICTED_ACTIVITY_NOTICE, { category: 'protection' }))).toBeNull();
  });

  it('tells a consent with its terms, and an admission with its reason', () => {
    expect(
      summarize(
        shared('ConsentRecorded', { givenBy: 'parent', agencyTypes: ['police'], purposes: ['information_sharing'] }),
      ),
    ).toBe('Consent recorded (given by a parent) for police: information sharing');
    expect(
      summarize(shared('CasePartyAdmitted', { agencyType: 'assistance_provider', reason: 'assistance_needed' })),
    ).toBe('An assistance provider admitted to the case by the coordination body (assistance needed)');
  });

  it('reads the province and territory from a site code', () => {
    expect(siteRegionOf('NK-MAS-014')).toEqual({ province: 'NK', territory: 'MAS' });
    expect(siteRegionOf('SK')).toEqual({ province: 'SK', territory: null });
    expect(siteRegionOf(null)).toEqual({ province: null, territory: null });
  });
});
