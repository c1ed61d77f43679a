import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { DEADLINE_WATCHER_ACTOR, type RecordedEvent } from '@pamoja/contracts';
import { type DeadlineRule, type MissedDeadlineHandling, type OpenedDeadline } from '@pamoja/event-store';
import { type SentReferralCommand } from '@pamoja/referrals/domain';
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

/** Namespace for the ids of missed-deadline commands (UUID v5 of the deadline key): fixed forever. */
const MISSED_DEADLINE_NAMESPACE = '5e0f3b7a-2c9d-5a1e-8f4b-6d7c8e9f0a1b';

/** The receiving agency let the due time pass: record it (once) and escalate to the coordination body. */
export const referralMissedDeadline: MissedDeadlineHandling<SentReferralCommand> = {
  rule: referralDeadlineRule(),
  commandFor: (deadline, now) => ({
    command: {
      type: 'RecordReferralDeadlineMissed',
      data: { referralId: deadline.streamId.slice('referral-'.length) },
      metadata: { actor: DEADLINE_WATCHER_ACTOR, now },
    },
    context: {
      // One command id per deadline: however often the watcher looks, the miss is recorded once.
      commandId: uuidv5(deadline.key, MISSED_DEADLINE_NAMESPACE),
      actor: DEADLINE_WATCHER_ACTOR,
      correlationId: randomUUID(),
    },
  }),
};
