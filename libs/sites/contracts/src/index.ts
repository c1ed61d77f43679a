import { v5 as uuidv5 } from 'uuid';
import { type RecordedEvent } from '@pamoja/contracts';
import { SITE_INTEGRATION_EVENTS, publishedLanguage, type PublishedEvents, type SharedDataOf } from '@pamoja/messaging';

/**
 * The published language of sites: the events other contexts receive from it, typed from the
 * integration catalogue's field lists (`SITE_INTEGRATION_EVENTS`), which stay the one list of what
 * leaves the context. Consumers read these types and this parser, never the data by string.
 */

const PUBLISHED = SITE_INTEGRATION_EVENTS;

/** A shared event of sites: discriminated by `type`, its `data` typed. */
export type SitesPublishedEvent = PublishedEvents<typeof PUBLISHED>;

/** The (domain-level) names of the event types sites publishes. */
export type SitesPublishedType = SitesPublishedEvent['type'];
export const SITES_PUBLISHED_TYPES: readonly SitesPublishedType[] = PUBLISHED.map((d) => d.domainEventType);

/** The shared data of one of its event types. */
export type SitesShared<T extends SitesPublishedType> = SharedDataOf<typeof PUBLISHED, T>;

export type MineSiteRegisteredShared = SitesShared<'MineSiteRegistered'>;
export type MineSiteInspectedShared = SitesShared<'MineSiteInspected'>;
export type MineSiteStatusChangedShared = SitesShared<'MineSiteStatusChanged'>;
export type MineSiteIcglrIdRecordedShared = SitesShared<'MineSiteIcglrIdRecorded'>;
export type SiteIncidentReportedShared = SitesShared<'SiteIncidentReported'>;
export type SiteIncidentClassifiedShared = SitesShared<'SiteIncidentClassified'>;
export type SiteIncidentClosedShared = SitesShared<'SiteIncidentClosed'>;

/**
 * The event typed, when it is one sites publishes; null for any other type. Throws a
 * `MalformedSharedEventError` (for the consumer's dead-letter path) when its data is not what the
 * catalogue shares.
 */
export const asSitesPublished: (event: RecordedEvent) => SitesPublishedEvent | null = publishedLanguage(PUBLISHED);

/** Namespace for site ids derived from site codes (UUID v5): fixed forever, never change it. */
const MINE_SITE_NAMESPACE = '8c4e2a60-7b1d-5f39-a2c8-4d6e8f0a1b3c';

/**
 * The site id is a function of the registry code, so the same code registered twice (by two offices,
 * or offline on two phones) lands on the same stream and is refused there, with no uniqueness table.
 */
export function siteIdForCode(code: string): string {
  return uuidv5(code, MINE_SITE_NAMESPACE);
}

/** The stream of the site registered under this code (`site-<siteId>`). */
export function siteStreamIdForCode(code: string): `site-${string}` {
  return `site-${siteIdForCode(code)}`;
}
