import { type RecordedEvent } from '@pamoja/contracts';
import {
  ASSISTANCE_INTEGRATION_EVENTS,
  publishedLanguage,
  type PublishedEvents,
  type SharedDataOf,
} from '@pamoja/messaging';

/**
 * The published language of assistance: the events other contexts receive from it, typed from the
 * integration catalogue's field lists (`ASSISTANCE_INTEGRATION_EVENTS`), which stay the one list of what
 * leaves the context. Consumers read these types and this parser, never the data by string.
 */

const PUBLISHED = ASSISTANCE_INTEGRATION_EVENTS;

/** A shared event of assistance: discriminated by `type`, its `data` typed. */
export type AssistancePublishedEvent = PublishedEvents<typeof PUBLISHED>;

/** The (domain-level) names of the event types assistance publishes. */
export type AssistancePublishedType = AssistancePublishedEvent['type'];
export const ASSISTANCE_PUBLISHED_TYPES: readonly AssistancePublishedType[] = PUBLISHED.map((d) => d.domainEventType);

/** The shared data of one of its event types. */
export type AssistanceShared<T extends AssistancePublishedType> = SharedDataOf<typeof PUBLISHED, T>;

export type VictimRegisteredShared = AssistanceShared<'VictimRegistered'>;
export type NeedsAssessedShared = AssistanceShared<'NeedsAssessed'>;
export type ServiceProvidedShared = AssistanceShared<'ServiceProvided'>;
export type AssistanceClosedShared = AssistanceShared<'AssistanceClosed'>;
export type PersonalDataErasedShared = AssistanceShared<'PersonalDataErased'>;

/**
 * The event typed, when it is one assistance publishes; null for any other type. Throws a
 * `MalformedSharedEventError` (for the consumer's dead-letter path) when its data is not what the
 * catalogue shares.
 */
export const asAssistancePublished: (event: RecordedEvent) => AssistancePublishedEvent | null =
  publishedLanguage(PUBLISHED);

/**
 * Assistance withholds some events and publishes a notice of restricted activity in their place on a joint case
 * (the same shape whichever context publishes it).
 */
export {
  asRestrictedActivityNotice,
  type RestrictedActivityNotice,
  type RestrictedActivityShared,
} from '@pamoja/messaging';
