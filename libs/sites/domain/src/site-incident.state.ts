import { addUtcMonths, type AnnexIICategory, type IncidentLevel, SITES_LIMITS } from './vocabularies.js';

export interface NoSiteIncident {
  readonly status: 'none';
}

/** Only what decisions need; read models keep the rest. */
export interface ReportedSiteIncident {
  readonly status: 'open' | 'closed';
  readonly incidentId: string;
  readonly siteId: string;
  /** The joint case this incident belongs to, when any: every later event of the incident is tagged with it. */
  readonly jointCaseId: string | null;
  /** Null until classified. */
  readonly level: IncidentLevel | null;
  /** The OECD Annex II risk it was classified under; null until classified, or when no category was given. */
  readonly category: AnnexIICategory | null;
  /** ISO-8601 UTC. */
  readonly reportedAt: string;
}

export type SiteIncidentState = NoSiteIncident | ReportedSiteIncident;

export const NO_SITE_INCIDENT: NoSiteIncident = Object.freeze({ status: 'none' });

/**
 * ITSCI-style incidents may stay open up to 6 months: after this date an open incident is overdue, which
 * is what the coordination body chases. Takes a projection row's Date as well as an event's string.
 */
export function incidentCloseBy(reportedAt: string | Date): Date {
  return addUtcMonths(
    typeof reportedAt === 'string' ? new Date(reportedAt) : reportedAt,
    SITES_LIMITS.incidentOpenMonths,
  );
}
