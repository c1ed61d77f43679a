import {
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

export interface MineSiteListFilter {
  readonly province?: Province;
  readonly territory?: Territory;
  readonly status?: MineSiteStatus;
  /** True: only sites with an open incident; false: only sites without. */
  readonly hasOpenIncidents?: boolean;
  readonly limit: number;
  readonly now: Date;
}

export type MineSiteKey = { readonly siteId: string } | { readonly code: string };

export interface SitesReadModel {
  /** Sites with the most serious open incidents first, then by code. */
  mineSites(filter: MineSiteListFilter): Promise<MineSiteView[]>;
  mineSite(key: MineSiteKey, now: Date): Promise<MineSiteView | undefined>;
  /** A site's incidents: open ones first, awaiting classification first, then most serious, then oldest. */
  siteIncidents(siteId: string, openOnly: boolean, now: Date): Promise<SiteIncidentView[]>;
}

export const SITES_READ_MODEL = Symbol.for('pamoja.sites.ReadModel');
