import { type DomainEvent } from '@pamoja/contracts';
import { type AnnexIICategory, type IncidentLevel, type IncidentSource } from './vocabularies.js';

export interface SiteIncidentReported extends DomainEvent<
  'SiteIncidentReported',
  {
    readonly incidentId: string;
    readonly siteId: string;
    /** The joint case the incident is handled in, when there is one. */
    readonly jointCaseId: string | null;
    readonly source: IncidentSource;
    /** What was reported; never names a whistle-blower (their safety depends on it). */
    readonly description: string;
    readonly reportedAt: string;
    readonly byAgencyId: string;
  }
> {
  readonly schemaVersion: 1;
}

export interface SiteIncidentClassified extends DomainEvent<
  'SiteIncidentClassified',
  {
    readonly incidentId: string;
    readonly level: IncidentLevel;
    /** The level before a reclassification; null on the first classification. */
    readonly previousLevel: IncidentLevel | null;
    /**
     * The OECD Annex II risk (v2): null when the classifier named none, and for every classification recorded
     * before categories existed (v1, upcast by `SITE_INCIDENT_UPCASTERS`).
     */
    readonly category: AnnexIICategory | null;
    readonly classifiedAt: string;
    readonly byAgencyId: string;
  }
> {
  readonly schemaVersion: 2;
}

export interface SiteIncidentClosed extends DomainEvent<
  'SiteIncidentClosed',
  {
    readonly incidentId: string;
    /** Published after closure (ITSCI practice): it must not identify anyone. */
    readonly summary: string;
    readonly closedAt: string;
    readonly byAgencyId: string;
  }
> {
  readonly schemaVersion: 1;
}

export type SiteIncidentEvent = SiteIncidentReported | SiteIncidentClassified | SiteIncidentClosed;
export type SiteIncidentEventType = SiteIncidentEvent['type'];

export const SITE_INCIDENT_EVENT_TYPES = [
  'SiteIncidentReported',
  'SiteIncidentClassified',
  'SiteIncidentClosed',
] as const satisfies readonly SiteIncidentEventType[];

// Fails to compile if an event type is added to the union but not to the list above.
const _allEventTypesListed: SiteIncidentEventType extends (typeof SITE_INCIDENT_EVENT_TYPES)[number] ? true : never =
  true;

/** Narrows by type name only: it does not validate the data (upcasting happens before the domain sees it). */
export function isSiteIncidentEvent<T extends { readonly type: string }>(event: T): event is T & SiteIncidentEvent {
  return (SITE_INCIDENT_EVENT_TYPES as readonly string[]).includes(event.type);
}
