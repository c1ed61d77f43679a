import { type SqlQueryable } from '@pamoja/event-store';
import {
  type MineSiteKey,
  type MineSiteListFilter,
  type MineSiteView,
  type SiteIncidentView,
  type SitesReadModel,
} from '@pamoja/sites/application';
import {
  type IncidentLevel,
  type IncidentSource,
  type Mineral,
  type MineSiteStatus,
  type Province,
  type RecommendableSiteStatus,
  type Territory,
} from '@pamoja/sites/domain';
import { SITES_READ_SCHEMA } from './sites-registry.projection.js';

const s = SITES_READ_SCHEMA;

interface SiteRow {
  site_id: string;
  code: string;
  name: string;
  province: Province;
  territory: Territory;
  minerals: Mineral[];
  latitude: number;
  longitude: number;
  status: MineSiteStatus;
  status_reason: string | null;
  status_changed_at: Date | null;
  remediation_deadline: Date | null;
  remediation_overdue: boolean;
  registered_at: Date;
  registered_by_agency_id: string;
  revision: number;
  updated_at: Date;
  open_incident_count: number;
  highest_open_level: IncidentLevel | null;
  inspected_at: Date | null;
  inspecting_agency: string | null;
  findings: string | null;
  indicators_observed: string[] | null;
  recommended_status: RecommendableSiteStatus | null;
  recorded_by_agency_id: string | null;
}

interface IncidentRow {
  incident_id: string;
  site_id: string;
  site_code: string;
  joint_case_id: string | null;
  source: IncidentSource;
  description: string;
  level: IncidentLevel | null;
  reported_at: Date;
  reported_by_agency_id: string;
  close_by: Date;
  overdue: boolean;
  classified_at: Date | null;
  closed_at: Date | null;
  summary: string | null;
  revision: number;
  updated_at: Date;
}

// $1 is always `now`. The lowest level number is the most serious, hence min().
const SITE_SELECT = `
  SELECT site.*,
         (site.status = 'yellow' AND site.remediation_deadline < $1::timestamptz) AS remediation_overdue,
         COALESCE(open.count, 0)::int AS open_incident_count,
         open.highest_level AS highest_open_level,
         last.inspected_at, last.inspecting_agency, last.findings, last.indicators_observed,
         last.recommended_status, last.recorded_by_agency_id
  FROM ${s}.sites site
  LEFT JOIN LATERAL (
    SELECT count(*)::int AS count, min(level)::int AS highest_level
    FROM ${s}.incidents i WHERE i.site_id = site.site_id AND i.closed_at IS NULL
  ) open ON true
  LEFT JOIN LATERAL (
    SELECT * FROM ${s}.inspections x WHERE x.site_id = site.site_id
    ORDER BY x.inspected_at DESC, x.revision DESC LIMIT 1
  ) last ON true`;

function toSiteView(row: SiteRow): MineSiteView {
  return {
    siteId: row.site_id,
    code: row.code,
    name: row.name,
    province: row.province,
    territory: row.territory,
    minerals: row.minerals,
    latitude: row.latitude,
    longitude: row.longitude,
    status: row.status,
    statusReason: row.status_reason,
    statusChangedAt: row.status_changed_at,
    remediationDeadline: row.remediation_deadline,
    remediationOverdue: row.remediation_overdue,
    lastInspection:
      row.inspected_at === null || row.recommended_status === null
        ? null
        : {
            inspectedAt: row.inspected_at,
            inspectingAgency: row.inspecting_agency ?? '',
            findings: row.findings ?? '',
            indicatorsObserved: row.indicators_observed ?? [],
            recommendedStatus: row.recommended_status,
            recordedByAgencyId: row.recorded_by_agency_id ?? '',
          },
    openIncidentCount: row.open_incident_count,
    highestOpenIncidentLevel: row.highest_open_level,
    registeredAt: row.registered_at,
    registeredByAgencyId: row.registered_by_agency_id,
    revision: row.revision,
    updatedAt: row.updated_at,
  };
}

function toIncidentView(row: IncidentRow): SiteIncidentView {
  return {
    incidentId: row.incident_id,
    siteId: row.site_id,
    siteCode: row.site_code,
    jointCaseId: row.joint_case_id,
    source: row.source,
    description: row.description,
    level: row.level,
    status: row.closed_at === null ? 'open' : 'closed',
    reportedAt: row.reported_at,
    reportedByAgencyId: row.reported_by_agency_id,
    closeBy: row.close_by,
    overdue: row.overdue,
    classifiedAt: row.classified_at,
    closedAt: row.closed_at,
    summary: row.summary,
    revision: row.revision,
    updatedAt: row.updated_at,
  };
}

export class SqlSitesReadModel implements SitesReadModel {
  constructor(private readonly db: SqlQueryable) {}

  async mineSites(filter: MineSiteListFilter): Promise<MineSiteView[]> {
    const params: unknown[] = [filter.now.toISOString(), filter.limit];
    const where: string[] = [];
    const add = (condition: (placeholder: string) => string, value: unknown): void => {
      params.push(value);
      where.push(condition(`$${params.length}`));
    };
    if (filter.province) add((p) => `site.province = ${p}`, filter.province);
    if (filter.territory) add((p) => `site.territory = ${p}`, filter.territory);
    if (filter.status) add((p) => `site.status = ${p}`, filter.status);
    if (filter.hasOpenIncidents !== undefined) {
      add((p) => `(COALESCE(open.count, 0) > 0) = ${p}::boolean`, filter.hasOpenIncidents);
    }
    const rows = await this.db.query<SiteRow>(
      `${SITE_SELECT}
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY open.highest_level NULLS LAST, open.count DESC, site.code
       LIMIT $2`,
      params,
    );
    return rows.map(toSiteView);
  }

  async mineSite(key: MineSiteKey, now: Date): Promise<MineSiteView | undefined> {
    const [column, value] = 'siteId' in key ? ['site_id', key.siteId] : ['code', key.code];
    const rows = await this.db.query<SiteRow>(`${SITE_SELECT} WHERE site.${column} = $2`, [now.toISOString(), value]);
    return rows[0] ? toSiteView(rows[0]) : undefined;
  }

  async siteIncidents(siteId: string, openOnly: boolean, now: Date): Promise<SiteIncidentView[]> {
    const rows = await this.db.query<IncidentRow>(
      `SELECT i.*, site.code AS site_code, (i.closed_at IS NULL AND i.close_by < $1::timestamptz) AS overdue
       FROM ${s}.incidents i JOIN ${s}.sites site ON site.site_id = i.site_id
       WHERE i.site_id = $2 ${openOnly ? 'AND i.closed_at IS NULL' : ''}
       ORDER BY (i.closed_at IS NULL) DESC, i.level NULLS FIRST, i.reported_at, i.incident_id`,
      [now.toISOString(), siteId],
    );
    return rows.map(toIncidentView);
  }
}
