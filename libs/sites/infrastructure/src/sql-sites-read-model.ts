import { type SqlQueryable } from '@pamoja/event-store';
import { type AgencyType } from '@pamoja/contracts';
import {
  NO_OPEN_LEVEL_RANK,
  type FeedIncidentCountRow,
  type FeedSiteRow,
  type FeedStatusRow,
  type SiteFeedRows,
  type MineSiteKey,
  type MineSiteListFilter,
  type MineSiteView,
  type SiteCaseLink,
  type SiteCaseListFilter,
  type SiteCaseView,
  type SiteIncidentListFilter,
  type SiteIncidentView,
  type SitesReadModel,
  type SiteTimelineEntryView,
  type SiteTimelineFilter,
  type SiteTimelineKind,
} from '@pamoja/sites/application';
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
import { SITE_CASES_READ_SCHEMA } from './site-cases.projection.js';
import { SITES_READ_SCHEMA } from './sites-registry.projection.js';

const s = SITES_READ_SCHEMA;
const sc = SITE_CASES_READ_SCHEMA;

interface SiteRow {
  site_id: string;
  code: string;
  icglr_id: string | null;
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
  category: AnnexIICategory | null;
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

interface TimelineRow {
  entry_id: string;
  site_id: string;
  occurred_at: Date;
  kind: SiteTimelineKind;
  agency_id: string;
  agency_type: AgencyType;
  incident_id: string | null;
  joint_case_id: string | null;
  from_status: MineSiteStatus | null;
  to_status: MineSiteStatus | null;
  level: IncidentLevel | null;
  previous_level: IncidentLevel | null;
  detail: string | null;
  at: Date | null;
  linked_via: SiteCaseLink | null;
}

interface SiteCaseRow {
  site_id: string;
  joint_case_id: string;
  first_linked_at: Date;
  first_link_via: SiteCaseLink;
  first_link_subject_id: string;
  first_link_agency_id: string;
  first_link_agency_type: AgencyType;
  last_activity_at: Date;
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
    icglrId: row.icglr_id,
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
    category: row.category,
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

/** Collects query parameters, answering each one's placeholder. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export class SqlSitesReadModel implements SitesReadModel {
  constructor(private readonly db: SqlQueryable) {}

  async statusCounts(sitePrefix: string | null): Promise<ReadonlyMap<MineSiteStatus, number>> {
    const rows = await this.db.query<{ status: MineSiteStatus; count: number | string }>(
      `SELECT status, count(*) AS count FROM ${s}.sites
       WHERE ($1::text IS NULL OR split_part(code, '-', 1) = $1) GROUP BY status`,
      [sitePrefix],
    );
    return new Map(rows.map((r) => [r.status, Number(r.count)]));
  }

  async mineSites(filter: MineSiteListFilter): Promise<MineSiteView[]> {
    const params = new Params();
    params.add(filter.now.toISOString());
    const where: string[] = [];
    if (filter.province) where.push(`site.province = ${params.add(filter.province)}`);
    if (filter.territory) where.push(`site.territory = ${params.add(filter.territory)}`);
    if (filter.status) where.push(`site.status = ${params.add(filter.status)}`);
    if (filter.withOpenIncidents !== undefined) {
      where.push(`(COALESCE(open.count, 0) > 0) = ${params.add(filter.withOpenIncidents)}::boolean`);
    }
    // Most serious first (ascending rank), most open incidents first (descending, hence negated), then code.
    const rank = `COALESCE(open.highest_level, ${NO_OPEN_LEVEL_RANK})`;
    const openCount = `COALESCE(open.count, 0)`;
    if (filter.after) {
      const { rank: r, openIncidentCount, code } = filter.after;
      where.push(
        `(${rank}, -${openCount}, site.code) > (${params.add(r)}::int, -${params.add(openIncidentCount)}::int, ${params.add(code)}::text)`,
      );
    }
    const rows = await this.db.query<SiteRow>(
      `${SITE_SELECT}
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${rank}, ${openCount} DESC, site.code
       LIMIT ${params.add(filter.limit)}`,
      params.values,
    );
    return rows.map(toSiteView);
  }

  async mineSite(key: MineSiteKey, now: Date): Promise<MineSiteView | undefined> {
    const [column, value] = 'siteId' in key ? ['site_id', key.siteId] : ['code', key.code];
    const rows = await this.db.query<SiteRow>(`${SITE_SELECT} WHERE site.${column} = $2`, [now.toISOString(), value]);
    return rows[0] ? toSiteView(rows[0]) : undefined;
  }

  async siteIncidents(filter: SiteIncidentListFilter): Promise<SiteIncidentView[]> {
    const params = new Params();
    params.add(filter.now.toISOString());
    const where = [`i.site_id = ${params.add(filter.siteId)}`];
    if (filter.openOnly) where.push('i.closed_at IS NULL');
    const key = `(i.closed_at IS NOT NULL), COALESCE(i.level, 0), i.reported_at, i.incident_id`;
    if (filter.after) {
      const a = filter.after;
      where.push(
        `(${key}) > (${params.add(a.closed)}::boolean, ${params.add(a.level)}::int, ` +
          `${params.add(a.reportedAt.toISOString())}::timestamptz, ${params.add(a.incidentId)}::text)`,
      );
    }
    const rows = await this.db.query<IncidentRow>(
      `SELECT i.*, site.code AS site_code, (i.closed_at IS NULL AND i.close_by < $1::timestamptz) AS overdue
       FROM ${s}.incidents i JOIN ${s}.sites site ON site.site_id = i.site_id
       WHERE ${where.join(' AND ')}
       ORDER BY ${key}
       LIMIT ${params.add(filter.limit)}`,
      params.values,
    );
    return rows.map(toIncidentView);
  }

  async siteTimeline(filter: SiteTimelineFilter): Promise<SiteTimelineEntryView[]> {
    const params = new Params();
    const site = params.add(filter.siteId);
    const where: string[] = [];
    if (filter.since) where.push(`e.occurred_at >= ${params.add(filter.since.toISOString())}::timestamptz`);
    if (filter.after) {
      where.push(
        `(e.occurred_at, e.entry_id) > (${params.add(filter.after.occurredAt.toISOString())}::timestamptz, ` +
          `${params.add(filter.after.entryId)}::text)`,
      );
    }
    // A case linked by an incident report sorts right after the report: same instant, its id + '/case'.
    const rows = await this.db.query<TimelineRow>(
      `SELECT * FROM (
         SELECT t.event_id AS entry_id, t.site_id, t.occurred_at, t.kind, t.agency_id, t.agency_type, t.incident_id,
                t.joint_case_id, t.from_status, t.to_status, t.level, t.previous_level, t.detail, t.at,
                NULL::text AS linked_via
         FROM ${s}.timeline t WHERE t.site_id = ${site}
         UNION ALL
         SELECT c.first_link_event_id || '/case', c.site_id, c.first_linked_at, 'case_linked', c.first_link_agency_id,
                c.first_link_agency_type, CASE WHEN c.first_link_via = 'incident' THEN c.first_link_subject_id END,
                c.joint_case_id, NULL, NULL, NULL, NULL, NULL, NULL, c.first_link_via
         FROM ${sc}.site_cases c WHERE c.site_id = ${site}
       ) e
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY e.occurred_at, e.entry_id
       LIMIT ${params.add(filter.limit)}`,
      params.values,
    );
    return rows.map((row) => ({
      entryId: row.entry_id,
      siteId: row.site_id,
      occurredAt: row.occurred_at,
      kind: row.kind,
      agencyId: row.agency_id,
      agencyType: row.agency_type,
      incidentId: row.incident_id,
      jointCaseId: row.joint_case_id,
      fromStatus: row.from_status,
      toStatus: row.to_status,
      level: row.level,
      previousLevel: row.previous_level,
      detail: row.detail,
      at: row.at,
      linkedVia: row.linked_via,
    }));
  }

  async siteCaseCount(siteId: string): Promise<number> {
    const rows = await this.db.query<{ count: string | number }>(
      `SELECT count(*) AS count FROM ${sc}.site_cases WHERE site_id = $1`,
      [siteId],
    );
    return Number(rows[0]?.count ?? 0);
  }

  async siteCases(filter: SiteCaseListFilter): Promise<SiteCaseView[]> {
    const params = new Params();
    const where = [`c.site_id = ${params.add(filter.siteId)}`];
    if (filter.jointCaseIds) where.push(`c.joint_case_id = ANY(${params.add([...filter.jointCaseIds])}::text[])`);
    const lastActivity = `greatest(c.last_linked_at, COALESCE(a.last_activity_at, c.last_linked_at))`;
    if (filter.after) {
      where.push(
        `(${lastActivity}, c.joint_case_id) < (${params.add(filter.after.lastActivityAt.toISOString())}::timestamptz, ` +
          `${params.add(filter.after.jointCaseId)}::text)`,
      );
    }
    const rows = await this.db.query<SiteCaseRow>(
      `SELECT c.*, ${lastActivity} AS last_activity_at
       FROM ${sc}.site_cases c LEFT JOIN ${sc}.case_activity a ON a.joint_case_id = c.joint_case_id
       WHERE ${where.join(' AND ')}
       ORDER BY ${lastActivity} DESC, c.joint_case_id DESC
       LIMIT ${params.add(filter.limit)}`,
      params.values,
    );
    return rows.map((row) => ({
      siteId: row.site_id,
      jointCaseId: row.joint_case_id,
      firstLinkedAt: row.first_linked_at,
      linkedVia: row.first_link_via,
      linkedBySubjectId: row.first_link_subject_id,
      linkedByAgencyId: row.first_link_agency_id,
      linkedByAgencyType: row.first_link_agency_type,
      lastActivityAt: row.last_activity_at,
    }));
  }

  async siteOfJointCase(jointCaseId: string, now: Date): Promise<MineSiteView | undefined> {
    // The registered site the case was first linked to (a referral may name a code not registered yet).
    const rows = await this.db.query<SiteRow>(
      `${SITE_SELECT}
       WHERE site.site_id = (
         SELECT c.site_id FROM ${sc}.site_cases c JOIN ${s}.sites r ON r.site_id = c.site_id
         WHERE c.joint_case_id = $2
         ORDER BY c.first_linked_at, c.first_link_event_id, c.site_id
         LIMIT 1)`,
      [now.toISOString(), jointCaseId],
    );
    return rows[0] ? toSiteView(rows[0]) : undefined;
  }

  async siteFeed(asOf: Date, code?: string): Promise<SiteFeedRows> {
    const cutOff = asOf.toISOString();
    const only = code ?? null;
    // $1 the cut-off, $2 one site's code or null. Nothing later than the cut-off is read, and no free text.
    const sites = await this.db.query<{
      site_id: string;
      code: string;
      name: string;
      province: Province;
      territory: Territory;
      minerals: Mineral[];
      latitude: number;
      longitude: number;
      registered_at: Date;
      icglr_id: string | null;
      icglr_id_recorded_at: Date | null;
    }>(
      `SELECT site.site_id, site.code, site.name, site.province, site.territory, site.minerals, site.latitude,
              site.longitude, site.registered_at, id.icglr_id, id.recorded_at AS icglr_id_recorded_at
       FROM ${s}.sites site
       LEFT JOIN LATERAL (
         SELECT x.icglr_id, x.recorded_at FROM ${s}.icglr_ids x
         WHERE x.site_id = site.site_id AND x.recorded_at <= $1::timestamptz
         ORDER BY x.recorded_at DESC, x.revision DESC LIMIT 1
       ) id ON true
       WHERE site.registered_at <= $1::timestamptz AND ($2::text IS NULL OR site.code = $2)
       ORDER BY site.code`,
      [cutOff, only],
    );
    const statuses = await this.db.query<{
      site_id: string;
      event_id: string;
      to_status: MineSiteStatus;
      from_status: MineSiteStatus | null;
      occurred_at: Date;
      at: Date | null;
    }>(
      `SELECT e.site_id, e.event_id, e.to_status, e.from_status, e.occurred_at, e.at
       FROM ${s}.timeline e JOIN ${s}.sites site ON site.site_id = e.site_id
       WHERE e.kind IN ('registered', 'status_changed') AND e.occurred_at <= $1::timestamptz
         AND ($2::text IS NULL OR site.code = $2)
       ORDER BY e.site_id, e.occurred_at, e.event_id`,
      [cutOff, only],
    );
    const counts = await this.db.query<{
      site_id: string;
      category: AnnexIICategory | null;
      level: IncidentLevel;
      count: number | string;
    }>(
      `SELECT i.site_id, c.category, c.level, count(*) AS count
       FROM ${s}.incidents i
       JOIN ${s}.sites site ON site.site_id = i.site_id
       JOIN LATERAL (
         SELECT x.level, x.category FROM ${s}.classifications x
         WHERE x.incident_id = i.incident_id AND x.classified_at <= $1::timestamptz
         ORDER BY x.classified_at DESC, x.revision DESC LIMIT 1
       ) c ON true
       WHERE i.reported_at <= $1::timestamptz AND ($2::text IS NULL OR site.code = $2)
       GROUP BY i.site_id, c.category, c.level
       ORDER BY i.site_id, c.category, c.level`,
      [cutOff, only],
    );
    return {
      sites: sites.map((row): FeedSiteRow => ({
        siteId: row.site_id,
        code: row.code,
        name: row.name,
        province: row.province,
        territory: row.territory,
        minerals: row.minerals,
        latitude: row.latitude,
        longitude: row.longitude,
        registeredAt: row.registered_at,
        icglrId: row.icglr_id,
        icglrIdRecordedAt: row.icglr_id_recorded_at,
      })),
      statuses: statuses.map((row): FeedStatusRow => ({
        siteId: row.site_id,
        eventId: row.event_id,
        status: row.to_status,
        previousStatus: row.from_status,
        at: row.occurred_at,
        remediationDeadline: row.at,
      })),
      incidentCounts: counts.map((row): FeedIncidentCountRow => ({
        siteId: row.site_id,
        category: row.category,
        level: row.level,
        count: Number(row.count),
      })),
    };
  }
}
