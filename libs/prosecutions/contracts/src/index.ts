import { type RecordedEvent } from '@pamoja/contracts';
import {
  PROSECUTION_INTEGRATION_EVENTS,
  publishedLanguage,
  type PublishedEvents,
  type SharedDataOf,
} from '@pamoja/messaging';

/**
 * The published language of prosecutions: the events other contexts receive from it, typed from the
 * integration catalogue's field lists (`PROSECUTION_INTEGRATION_EVENTS`), which stay the one list of what
 * leaves the context. Consumers read these types and this parser, never the data by string.
 */

const PUBLISHED = PROSECUTION_INTEGRATION_EVENTS;

/** A shared event of prosecutions: discriminated by `type`, its `data` typed. */
export type ProsecutionsPublishedEvent = PublishedEvents<typeof PUBLISHED>;

/** The (domain-level) names of the event types prosecutions publishes. */
export type ProsecutionsPublishedType = ProsecutionsPublishedEvent['type'];
export const PROSECUTIONS_PUBLISHED_TYPES: readonly ProsecutionsPublishedType[] = PUBLISHED.map(
  (d) => d.domainEventType,
);

/** The shared data of one of its event types. */
export type ProsecutionsShared<T extends ProsecutionsPublishedType> = SharedDataOf<typeof PUBLISHED, T>;

export type CaseFileReceivedShared = ProsecutionsShared<'CaseFileReceived'>;
export type ChargesFiledShared = ProsecutionsShared<'ChargesFiled'>;
export type HearingScheduledShared = ProsecutionsShared<'HearingScheduled'>;
export type HearingHeldShared = ProsecutionsShared<'HearingHeld'>;
export type VerdictRenderedShared = ProsecutionsShared<'VerdictRendered'>;
export type SentenceImposedShared = ProsecutionsShared<'SentenceImposed'>;
export type RestitutionOrderedShared = ProsecutionsShared<'RestitutionOrdered'>;
export type AppealFiledShared = ProsecutionsShared<'AppealFiled'>;
export type ProsecutionClosedShared = ProsecutionsShared<'ProsecutionClosed'>;
export type HearingRescheduledShared = ProsecutionsShared<'HearingRescheduled'>;
export type HearingCancelledShared = ProsecutionsShared<'HearingCancelled'>;
export type HearingOutcomeOverdueShared = ProsecutionsShared<'HearingOutcomeOverdue'>;
export type AppealDecidedShared = ProsecutionsShared<'AppealDecided'>;

/**
 * The event typed, when it is one prosecutions publishes; null for any other type. Throws a
 * `MalformedSharedEventError` (for the consumer's dead-letter path) when its data is not what the
 * catalogue shares.
 */
export const asProsecutionsPublished: (event: RecordedEvent) => ProsecutionsPublishedEvent | null =
  publishedLanguage(PUBLISHED);
