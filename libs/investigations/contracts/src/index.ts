import { type RecordedEvent } from '@pamoja/contracts';
import {
  INVESTIGATION_INTEGRATION_EVENTS,
  publishedLanguage,
  type PublishedEvents,
  type SharedDataOf,
} from '@pamoja/messaging';

/**
 * The published language of investigations: the events other contexts receive from it, typed from the
 * integration catalogue's field lists (`INVESTIGATION_INTEGRATION_EVENTS`), which stay the one list of what
 * leaves the context. Consumers read these types and this parser, never the data by string.
 */

const PUBLISHED = INVESTIGATION_INTEGRATION_EVENTS;

/** A shared event of investigations: discriminated by `type`, its `data` typed. */
export type InvestigationsPublishedEvent = PublishedEvents<typeof PUBLISHED>;

/** The (domain-level) names of the event types investigations publishes. */
export type InvestigationsPublishedType = InvestigationsPublishedEvent['type'];
export const INVESTIGATIONS_PUBLISHED_TYPES: readonly InvestigationsPublishedType[] = PUBLISHED.map(
  (d) => d.domainEventType,
);

/** The shared data of one of its event types. */
export type InvestigationsShared<T extends InvestigationsPublishedType> = SharedDataOf<typeof PUBLISHED, T>;

export type InvestigationOpenedShared = InvestigationsShared<'InvestigationOpened'>;
export type EvidenceRecordedShared = InvestigationsShared<'EvidenceRecorded'>;
export type EvidenceCustodyTransferredShared = InvestigationsShared<'EvidenceCustodyTransferred'>;
export type SuspectIdentifiedShared = InvestigationsShared<'SuspectIdentified'>;
export type ArrestMadeShared = InvestigationsShared<'ArrestMade'>;
export type CaseFileTransmittedShared = InvestigationsShared<'CaseFileTransmitted'>;
export type CaseFileAcknowledgementDeadlineMissedShared = InvestigationsShared<'CaseFileAcknowledgementDeadlineMissed'>;
export type CaseFileAcknowledgementRecordedShared = InvestigationsShared<'CaseFileAcknowledgementRecorded'>;
export type InvestigationClosedShared = InvestigationsShared<'InvestigationClosed'>;
export type SuspectPersonalDataErasedShared = InvestigationsShared<'SuspectPersonalDataErased'>;

/**
 * The event typed, when it is one investigations publishes; null for any other type. Throws a
 * `MalformedSharedEventError` (for the consumer's dead-letter path) when its data is not what the
 * catalogue shares.
 */
export const asInvestigationsPublished: (event: RecordedEvent) => InvestigationsPublishedEvent | null =
  publishedLanguage(PUBLISHED);
