import { type AgencyType } from '@pamoja/contracts';
import {
  type AnnexIICategory,
  type IncidentLevel,
  type IncidentSource,
  type Mineral,
  type MineSiteStatus,
  type Province,
  type RecommendableSiteStatus,
  type Territory,
} from '@pamoja/sites/domain';

export interface MineSiteInspectionView {
  readonly inspectedAt: Date;
  readonly inspectingAgency: string;
  readonly findings: string;
  readonly indicatorsObserved: readonly string[];
  readonly recommendedStatus: RecommendableSiteStatus;
  readonly recordedByAgencyId: string;
}

/** A mine site as the registry shows it, with what is still open there. */
export interface MineSiteView {
  readonly siteId: string;
  readonly code: string;
  /** The ICGLR identification number, once a mining authority recorded it. */
  readonly icglrId: string | null;
  readonly name: string;
  readonly province: Province;
  readonly territory: Territory;
  readonly minerals: readonly Mineral[];
  readonly latitude: number;
  readonly longitude: number;
  readonly status: MineSiteStatus;
  readonly statusReason: string | null;
  /** Null while the site keeps its initial blue status. */
  readonly statusChangedAt: Date | null;
  /** Only while yellow. */
  readonly remediationDeadline: Date | null;
  /** Yellow past its remediation deadline: the authority owes a decision. */
  readonly remediationOverdue: boolean;
  /** The inspection that took place last (not the last one recorded). */
  readonly lastInspection: MineSiteInspectionView | null;
  readonly openIncidentCount: number;
  /** The most serious level among open classified incidents: 1 is the most serious. */
  readonly highestOpenIncidentLevel: IncidentLevel | null;
  readonly registeredAt: Date;
  readonly registeredByAgencyId: string;
  readonly revision: number;
  readonly updatedAt: Date;
}

export interface SiteIncidentView {
  readonly incidentId: string;
  readonly siteId: string;
  readonly siteCode: string;
  readonly jointCaseId: string | null;
  readonly source: IncidentSource;
  readonly description: string;
  readonly level: IncidentLevel | null;
  /** The OECD Annex II risk it was classified under; null until classified or when none was named. */
  readonly category: AnnexIICategory | null;
  readonly status: 'open' | 'closed';
  readonly reportedAt: Date;
  readonly reportedByAgencyId: string;
  /** Incidents may stay open up to 6 months after their report. */
  readonly closeBy: Date;
  /** Still open after `closeBy`. */
  readonly overdue: boolean;
  readonly classifiedAt: Date | null;
  readonly closedAt: Date | null;
  readonly summary: string | null;
  readonly revision: number;
  readonly updatedAt: Date;
}

/**
 * Lists are read in pages: `limit` rows after the sort key of the last row of the page before (keyset
 * pagination), each list's order ending on a unique column so no row is skipped or repeated.
 */
export interface Page<K> {
  readonly limit: number;
  readonly after?: K;
}

/** Ranks sites with no classified open incident after those with one (levels are 1 to 3). */
export const NO_OPEN_LEVEL_RANK = 4;

/** Sites order: most serious open incident first (1; 4 when none is open or classified), most open, code. */
export interface MineSiteSortKey {
  readonly rank: number;
  readonly openIncidentCount: number;
  readonly code: string;
}

export function mineSiteSortKey(site: MineSiteView): MineSiteSortKey {
  return {
    rank: site.highestOpenIncidentLevel ?? NO_OPEN_LEVEL_RANK,
    openIncidentCount: site.openIncidentCount,
    code: site.code,
  };
}

export interface MineSiteListFilter extends Page<MineSiteSortKey> {
  readonly province?: Province;
  readonly territory?: Territory;
  readonly status?: MineSiteStatus;
  /** True: only sites with an open incident; false: only sites without. */
  readonly withOpenIncidents?: boolean;
  readonly now: Date;
}

/** Incidents order: open first, awaiting classification first (level 0), most serious, oldest, id. */
export interface SiteIncidentSortKey {
  readonly closed: boolean;
  readonly level: number;
  readonly reportedAt: Date;
  readonly incidentId: string;
}

export function siteIncidentSortKey(incident: SiteIncidentView): SiteIncidentSortKey {
  return {
    closed: incident.status === 'closed',
    level: incident.level ?? 0,
    reportedAt: incident.reportedAt,
    incidentId: incident.incidentId,
  };
}

export interface SiteIncidentListFilter extends Page<SiteIncidentSortKey> {
  readonly siteId: string;
  readonly openOnly: boolean;
  readonly now: Date;
}

/** What a site's timeline records. */
export const SITE_TIMELINE_KINDS = [
  'registered',
  'inspected',
  'status_changed',
  'incident_reported',
  'incident_classified',
  'incident_closed',
  'case_linked',
] as const;
export type SiteTimelineKind = (typeof SITE_TIMELINE_KINDS)[number];

/** How a joint case came to be linked to a site: a referral naming the site, or an incident at it. */
export const SITE_CASE_LINKS = ['referral', 'incident'] as const;
export type SiteCaseLink = (typeof SITE_CASE_LINKS)[number];

/**
 * One entry of a site's timeline: facts, never the free text users wrote (findings, status reasons,
 * incident descriptions and summaries), which may name people.
 */
export interface SiteTimelineEntryView {
  /** Unique within the site: the event id, or the first linking event's id suffixed `/case` for a case link. */
  readonly entryId: string;
  readonly siteId: string;
  readonly occurredAt: Date;
  readonly kind: SiteTimelineKind;
  readonly agencyId: string;
  readonly agencyType: AgencyType;
  readonly incidentId: string | null;
  readonly jointCaseId: string | null;
  /** Status changes: the status before; registration and inspections: none. */
  readonly fromStatus: MineSiteStatus | null;
  /** Status changes: the new status; registration: blue; inspections: the recommended status. */
  readonly toStatus: MineSiteStatus | null;
  readonly level: IncidentLevel | null;
  readonly previousLevel: IncidentLevel | null;
  /** Registration: the site code; inspections: the team; reports: the source; status changes: `reason` when one was given. */
  readonly detail: string | null;
  /** Yellow: the remediation deadline; inspections: when recorded. */
  readonly at: Date | null;
  /** Case links only. */
  readonly linkedVia: SiteCaseLink | null;
}

/** Timeline order: oldest first, then entry id. */
export interface SiteTimelineSortKey {
  readonly occurredAt: Date;
  readonly entryId: string;
}

export interface SiteTimelineFilter extends Page<SiteTimelineSortKey> {
  readonly siteId: string;
  /** Only entries at or after this instant. */
  readonly since?: Date;
}

/** A joint case linked to a site. */
export interface SiteCaseView {
  readonly siteId: string;
  readonly jointCaseId: string;
  readonly firstLinkedAt: Date;
  readonly linkedVia: SiteCaseLink;
  /** The referral or incident that first linked the case to the site. */
  readonly linkedBySubjectId: string;
  readonly linkedByAgencyId: string;
  readonly linkedByAgencyType: AgencyType;
  /** The newest event any agency shared on the case. */
  readonly lastActivityAt: Date;
}

/** Site cases order: newest activity first, then joint case id (descending). */
export interface SiteCaseSortKey {
  readonly lastActivityAt: Date;
  readonly jointCaseId: string;
}

export interface SiteCaseListFilter extends Page<SiteCaseSortKey> {
  readonly siteId: string;
  /** Only these cases (those the viewer is party to); every case when absent (the coordination body). */
  readonly jointCaseIds?: readonly string[];
}

export type MineSiteKey = { readonly siteId: string } | { readonly code: string };

/** A registered site as the supply-chain feed publishes it: registry facts only, as they were at the cut-off. */
export interface FeedSiteRow {
  readonly siteId: string;
  readonly code: string;
  readonly name: string;
  readonly province: Province;
  readonly territory: Territory;
  readonly minerals: readonly Mineral[];
  readonly latitude: number;
  readonly longitude: number;
  readonly registeredAt: Date;
  /** The ICGLR id recorded last at or before the cut-off. */
  readonly icglrId: string | null;
  readonly icglrIdRecordedAt: Date | null;
}

/** A status a site took (its registration's blue, then each change), at or before the cut-off. */
export interface FeedStatusRow {
  readonly siteId: string;
  /** The event that recorded it: a stable id for a feed entry. */
  readonly eventId: string;
  readonly status: MineSiteStatus;
  /** Null for the registration. */
  readonly previousStatus: MineSiteStatus | null;
  readonly at: Date;
  /** Yellow only. */
  readonly remediationDeadline: Date | null;
}

/** How many incidents reported at a site had this classification at the cut-off. */
export interface FeedIncidentCountRow {
  readonly siteId: string;
  /** Null: classified before incidents had an Annex II category, or without one. */
  readonly category: AnnexIICategory | null;
  readonly level: IncidentLevel;
  readonly count: number;
}

/** What the supply-chain feed is made of, as it stood at `asOf`: nothing later, no free text, no case. */
export interface SiteFeedRows {
  readonly sites: readonly FeedSiteRow[];
  readonly statuses: readonly FeedStatusRow[];
  readonly incidentCounts: readonly FeedIncidentCountRow[];
}

export interface SitesReadModel {
  /**
   * The registry as it stood at `asOf` (every site registered by then, or the one with `code`): statuses
   * taken by then, the ICGLR id recorded by then, and incidents reported and classified by then, counted by
   * their classification at that time.
   */
  siteFeed(asOf: Date, code?: string): Promise<SiteFeedRows>;
  /** How many registered sites have each status now, those of the sites whose code has `sitePrefix` (NK, SK). */
  statusCounts(sitePrefix: string | null): Promise<ReadonlyMap<MineSiteStatus, number>>;
  /** Sites with the most serious open incidents first, then the most open incidents, then by code. */
  mineSites(filter: MineSiteListFilter): Promise<MineSiteView[]>;
  mineSite(key: MineSiteKey, now: Date): Promise<MineSiteView | undefined>;
  /** A site's incidents: open ones first, awaiting classification first, then most serious, then oldest. */
  siteIncidents(filter: SiteIncidentListFilter): Promise<SiteIncidentView[]>;
  /** What happened at a site, oldest first, with the joint cases linked to it. */
  siteTimeline(filter: SiteTimelineFilter): Promise<SiteTimelineEntryView[]>;
  /** The joint cases linked to a site, newest activity first. */
  siteCases(filter: SiteCaseListFilter): Promise<SiteCaseView[]>;
  /** How many joint cases are linked to the site: the one thing every agency may know of them. */
  siteCaseCount(siteId: string): Promise<number>;
  /** The registered site a joint case was first linked to, if any. */
  siteOfJointCase(jointCaseId: string, now: Date): Promise<MineSiteView | undefined>;
}

export const SITES_READ_MODEL = Symbol.for('pamoja.sites.ReadModel');
