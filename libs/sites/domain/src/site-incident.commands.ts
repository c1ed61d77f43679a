import { type Text, type Unparsed } from '@pamoja/contracts';
import { type SitesCommand as Command, type SitesCommandMetadata } from './sites-command.js';
import { type AnnexIICategory, type IncidentLevel, type IncidentSource, type MineSiteStatus } from './vocabularies.js';

/**
 * Commands as the decider receives them: parsed at the edge (`parseSiteIncidentCommand`), so free text is
 * trimmed `Text` within its limit and vocabularies are known. A client sends the `Unparsed` form.
 */

export type ReportSiteIncident = Command<
  'ReportSiteIncident',
  {
    readonly incidentId: string;
    readonly siteId: string;
    readonly jointCaseId: string | null;
    readonly source: IncidentSource;
    readonly description: Text;
  }
>;

export type ClassifySiteIncident = Command<
  'ClassifySiteIncident',
  {
    readonly incidentId: string;
    readonly level: IncidentLevel;
    /** The OECD Annex II risk; null keeps the category the incident has (none on a first classification). */
    readonly category: AnnexIICategory | null;
  }
>;

/**
 * What the application read from the site's stream just before deciding, so the incident decider stays
 * pure. It travels in the metadata (like `now`), not in the data: a retried command id must be recognised
 * as the same command even if the site's status moved in between.
 */
export interface CloseSiteIncidentMetadata extends SitesCommandMetadata {
  readonly siteStatus: MineSiteStatus;
  /** When the site's status last changed; null while it keeps its initial status. */
  readonly siteStatusReviewedAt: Date | null;
}

export type CloseSiteIncident = Command<
  'CloseSiteIncident',
  { readonly incidentId: string; readonly summary: Text },
  CloseSiteIncidentMetadata
>;

export type SiteIncidentCommand = ReportSiteIncident | ClassifySiteIncident | CloseSiteIncident;

/** An incident command as the application sends it (with the site's facts), before `parseSiteIncidentCommand`. */
export type SentSiteIncidentCommand = Unparsed<SiteIncidentCommand>;
