import { type RecordedEvent } from '@pamoja/contracts';
import {
  REFERRAL_INTEGRATION_EVENTS,
  publishedLanguage,
  type PublishedEvents,
  type SharedDataOf,
} from '@pamoja/messaging';

/**
 * The published language of referrals: the events other contexts receive from it, typed from the
 * integration catalogue's field lists (`REFERRAL_INTEGRATION_EVENTS`), which stay the one list of what
 * leaves the context. Consumers read these types and this parser, never the data by string.
 */

const PUBLISHED = REFERRAL_INTEGRATION_EVENTS;

/** A shared event of referrals: discriminated by `type`, its `data` typed. */
export type ReferralsPublishedEvent = PublishedEvents<typeof PUBLISHED>;

/** The (domain-level) names of the event types referrals publishes. */
export type ReferralsPublishedType = ReferralsPublishedEvent['type'];
export const REFERRALS_PUBLISHED_TYPES: readonly ReferralsPublishedType[] = PUBLISHED.map((d) => d.domainEventType);

/** The shared data of one of its event types. */
export type ReferralsShared<T extends ReferralsPublishedType> = SharedDataOf<typeof PUBLISHED, T>;

export type ReferralSubmittedShared = ReferralsShared<'ReferralSubmitted'>;
export type ReferralAcceptedShared = ReferralsShared<'ReferralAccepted'>;
export type ReferralDeclinedShared = ReferralsShared<'ReferralDeclined'>;
export type ReferralRevokedShared = ReferralsShared<'ReferralRevoked'>;
export type ReferralCompletedShared = ReferralsShared<'ReferralCompleted'>;
export type TraffickingScreeningAssessedShared = ReferralsShared<'TraffickingScreeningAssessed'>;
export type ConsentRecordedShared = ReferralsShared<'ConsentRecorded'>;
export type ConsentWithdrawnShared = ReferralsShared<'ConsentWithdrawn'>;
export type ReferralDeadlineMissedShared = ReferralsShared<'ReferralDeadlineMissed'>;

/**
 * The event typed, when it is one referrals publishes; null for any other type. Throws a
 * `MalformedSharedEventError` (for the consumer's dead-letter path) when its data is not what the
 * catalogue shares.
 */
export const asReferralsPublished: (event: RecordedEvent) => ReferralsPublishedEvent | null =
  publishedLanguage(PUBLISHED);
