import { type DomainEvent } from '@pamoja/contracts';
import {
  type Mineral,
  type MineSiteStatus,
  type Province,
  type RecommendableSiteStatus,
  type Territory,
} from './vocabularies.js';

// Event data is plain JSON: instants are ISO-8601 UTC strings, absent values are null (never undefined),
// so that an event reads back from the store exactly as it was decided.
// Who acted (the user) travels in the envelope metadata; data names only agencies.

export interface MineSiteRegistered extends DomainEvent<
  'MineSiteRegistered',
  {
    readonly siteId: string;
    readonly code: string;
    readonly name: string;
    readonly province: Province;
    readonly territory: Territory;
    readonly minerals: readonly Mineral[];
    readonly latitude: number;
    readonly longitude: number;
    /** Always blue: a newly registered site is not yet verified. */
    readonly status: 'blue';
    readonly registeredAt: string;
    readonly byAgencyId: string;
  }
> {
  readonly schemaVersion: 1;
}

export interface MineSiteInspected extends DomainEvent<
  'MineSiteInspected',
  {
    readonly siteId: string;
    /** When the inspection took place, which may be days before it reaches the platform. */
    readonly inspectedAt: string;
    /** The team as named on its report, e.g. a joint validation team; may differ from the recording agency. */
    readonly inspectingAgency: string;
    readonly findings: string;
    /** Free-text indicators as the team wrote them; the referrals vocabulary is not imposed on inspectors. */
    readonly indicatorsObserved: readonly string[];
    readonly recommendedStatus: RecommendableSiteStatus;
    readonly recordedAt: string;
    readonly byAgencyId: string;
  }
> {
  readonly schemaVersion: 1;
}

export interface MineSiteStatusChanged extends DomainEvent<
  'MineSiteStatusChanged',
  {
    readonly siteId: string;
    readonly from: MineSiteStatus;
    readonly to: MineSiteStatus;
    readonly reason: string | null;
    /** Only for yellow: when remediation must be done. */
    readonly remediationDeadline: string | null;
    readonly changedAt: string;
    readonly byAgencyId: string;
  }
> {
  readonly schemaVersion: 1;
}

/**
 * The site's ICGLR identification number, assigned when the joint validation enters the site in the regional
 * database, usually long after the site was registered here; recorded again to correct it.
 */
export interface MineSiteIcglrIdRecorded extends DomainEvent<
  'MineSiteIcglrIdRecorded',
  {
    readonly siteId: string;
    readonly icglrId: string;
    /** The id it replaces; null the first time. */
    readonly previousIcglrId: string | null;
    readonly recordedAt: string;
    readonly byAgencyId: string;
  }
> {
  readonly schemaVersion: 1;
}

export type MineSiteEvent = MineSiteRegistered | MineSiteInspected | MineSiteStatusChanged | MineSiteIcglrIdRecorded;
export type MineSiteEventType = MineSiteEvent['type'];

export const MINE_SITE_EVENT_TYPES = [
  'MineSiteRegistered',
  'MineSiteInspected',
  'MineSiteStatusChanged',
  'MineSiteIcglrIdRecorded',
] as const satisfies readonly MineSiteEventType[];

// Fails to compile if an event type is added to the union but not to the list above.
const _allEventTypesListed: MineSiteEventType extends (typeof MINE_SITE_EVENT_TYPES)[number] ? true : never = true;

/** Narrows by type name only: it does not validate the data (upcasting happens before the domain sees it). */
export function isMineSiteEvent<T extends { readonly type: string }>(event: T): event is T & MineSiteEvent {
  return (MINE_SITE_EVENT_TYPES as readonly string[]).includes(event.type);
}
