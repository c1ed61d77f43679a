import { describe, expect, it } from '@jest/globals';
import { RESTRICTED_ACTIVITY_NOTICE, siteRegionOf, summarize } from './timeline.js';

describe('the joint timeline', () => {
  it('tells what happened in a few words, from the shared fields', () => {
    expect(summarize('ReferralSubmitted', { toAgencyType: 'police', urgency: 'routine' })).toBe(
      'Referral submitted to police',
    );
    expect(summarize('ReferralSubmitted', { toAgencyType: 'assistance_provider', urgency: 'immediate' })).toBe(
      'Referral submitted to an assistance provider (immediate)',
    );
    // The day as people in Goma see it: 23:30 UTC is already the next day there.
    expect(summarize('HearingScheduled', { scheduledFor: '2026-12-02T23:30:00.000Z', court: 'TGI Goma' })).toBe(
      'Hearing scheduled for 2026-12-03',
    );
    expect(summarize('VerdictRendered', { verdict: 'convicted' })).toBe('Verdict rendered: convicted');
    expect(summarize('SentenceImposed', { imprisonmentMonths: 60 })).toBe("Sentence imposed: 60 months' imprisonment");
    expect(summarize('ServiceProvided', { kind: 'legal_aid' })).toBe('Service provided (legal aid)');
    expect(summarize('NeedsAssessed', { needs: [{ need: 'medical' }] })).toBe('Needs assessed (1 need)');
    expect(summarize('ConsentRecorded', { givenBy: 'guardian' })).toBe('Consent recorded (given by a guardian)');
  });

  it('still says something for a type it has no sentence for, and for missing fields', () => {
    expect(summarize('SomethingNewHappened', {})).toBe('Something new happened');
    expect(summarize('HearingScheduled', {})).toBe('Hearing scheduled');
    expect(summarize('ReferralSubmitted', null)).toBe('Referral submitted to another agency');
  });

  it('has nothing to tell of a notice of restricted activity', () => {
    expect(summarize(RESTRICTED_ACTIVITY_NOTICE, { category: 'protection' })).toBeNull();
  });

  it('tells a consent with its terms, and an admission with its reason', () => {
    expect(
      summarize('ConsentRecorded', { givenBy: 'parent', agencyTypes: ['police'], purposes: ['information_sharing'] }),
    ).toBe('Consent recorded (given by a parent) for police: information sharing');
    expect(summarize('CasePartyAdmitted', { agencyType: 'assistance_provider', reason: 'assistance_needed' })).toBe(
      'An assistance provider admitted to the case by the coordination body (assistance needed)',
    );
  });

  it('reads the province and territory from a site code', () => {
    expect(siteRegionOf('NK-MAS-014')).toEqual({ province: 'NK', territory: 'MAS' });
    expect(siteRegionOf('SK')).toEqual({ province: 'SK', territory: null });
    expect(siteRegionOf(null)).toEqual({ province: null, territory: null });
  });
});
