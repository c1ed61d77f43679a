import { type RecordedEvent } from '@pamoja/contracts';
import { type DeadlineRule, type OpenedDeadline } from '@pamoja/event-store';
import { toReferralEvent } from '../commands/referral-events.js';

export const REFERRAL_DEADLINE_KIND = 'referral_answer';

/** One deadline per referral, whatever happens to it: the key is what keeps it from being raised twice. */
export function referralDeadlineKey(referralId: string): string {
  return `referral:${referralId}`;
}

/**
 * The receiving agency must accept or decline by `dueBy`. Any answer closes the deadline, and so do a
 * revocation and the recorded miss itself (the coordination body is alerted once, not at every look).
 */
export function referralDeadlineRule(): DeadlineRule {
  return {
    kind: REFERRAL_DEADLINE_KIND,
    eventTypes: [
      'ReferralSubmitted',
      'ReferralAccepted',
      'ReferralDeclined',
      'ReferralRevoked',
      'ReferralDeadlineMissed',
    ],
    opened(recorded: RecordedEvent): readonly OpenedDeadline[] {
      const event = toReferralEvent(recorded);
      if (event.type !== 'ReferralSubmitted') return [];
      return [
        {
          key: referralDeadlineKey(event.data.referralId),
          kind: REFERRAL_DEADLINE_KIND,
          dueAt: event.data.dueBy,
          streamId: recorded.streamId,
          jointCaseId: recorded.metadata.jointCaseId,
          agencyId: event.data.toAgencyId,
        },
      ];
    },
    closed(recorded: RecordedEvent): readonly string[] {
      const event = toReferralEvent(recorded);
      switch (event.type) {
        case 'ReferralAccepted':
        case 'ReferralDeclined':
        case 'ReferralRevoked':
        case 'ReferralDeadlineMissed':
          return [referralDeadlineKey(event.data.referralId)];
        case 'ReferralSubmitted':
        case 'ReferralCompleted':
        case 'TraffickingScreeningAssessed':
        case 'ConsentRecorded':
        case 'ConsentWithdrawn':
          return [];
      }
    },
  };
}
