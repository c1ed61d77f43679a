import { type RecordedEvent } from '@pamoja/contracts';
import {
  COORDINATION_INTEGRATION_EVENTS,
  publishedLanguage,
  type PublishedEvents,
  type SharedDataOf,
} from '@pamoja/messaging';

/**
 * The published language of coordination: the events other contexts receive from it, typed from the
 * integration catalogue's field lists (`COORDINATION_INTEGRATION_EVENTS`), which stay the one list of what
 * leaves the context. Consumers read these types and this parser, never the data by string.
 */

const PUBLISHED = COORDINATION_INTEGRATION_EVENTS;

/** A shared event of coordination: discriminated by `type`, its `data` typed. */
export type CoordinationPublishedEvent = PublishedEvents<typeof PUBLISHED>;

/** The (domain-level) names of the event types coordination publishes. */
export type CoordinationPublishedType = CoordinationPublishedEvent['type'];
export const COORDINATION_PUBLISHED_TYPES: readonly CoordinationPublishedType[] = PUBLISHED.map(
  (d) => d.domainEventType,
);

/** The shared data of one of its event types. */
export type CoordinationShared<T extends CoordinationPublishedType> = SharedDataOf<typeof PUBLISHED, T>;

export type MeetingScheduledShared = CoordinationShared<'MeetingScheduled'>;
export type ActionPointRecordedShared = CoordinationShared<'ActionPointRecorded'>;
export type ActionPointCompletedShared = CoordinationShared<'ActionPointCompleted'>;
export type DecisionRecordedShared = CoordinationShared<'DecisionRecorded'>;
export type CasePartyAdmittedShared = CoordinationShared<'CasePartyAdmitted'>;
export type AgencyRegisteredShared = CoordinationShared<'AgencyRegistered'>;
export type AgencyDetailsChangedShared = CoordinationShared<'AgencyDetailsChanged'>;
export type AgencySuspendedShared = CoordinationShared<'AgencySuspended'>;
export type AgencyReinstatedShared = CoordinationShared<'AgencyReinstated'>;
export type MeetingClosedShared = CoordinationShared<'MeetingClosed'>;

/**
 * The event typed, when it is one coordination publishes; null for any other type. Throws a
 * `MalformedSharedEventError` (for the consumer's dead-letter path) when its data is not what the
 * catalogue shares.
 */
export const asCoordinationPublished: (event: RecordedEvent) => CoordinationPublishedEvent | null =
  publishedLanguage(PUBLISHED);
