import { type RecordedEvent } from '@pamoja/contracts';
import { CHECKPOINT_SCHEMA, type Projection, type SqlQueryable } from '@pamoja/event-store';
import {
  incidentCloseBy,
  isMineSiteEvent,
  isSiteIncidentEvent,
  MINE_SITE_EVENT_TYPES,
  type MineSiteEvent,
  type MineSiteInspected,
  type MineSiteRegistered,
  type MineSiteStatusChanged,
  SITE_INCIDENT_EVENT_TYPES,
  type SiteIncidentEvent,
  type SiteIncidentReported,
} from '@pamoja/sites/domain';
import { type SiteTimelineKind } from '@pamoja/sites/application';

export const SITES_READ_SCHEMA = 'sites_read';
export const SITES_REGISTRY_PROJECTION = 'sites.registry';

/**
 * The mine-site registry with what is open at each site. Sites, their inspections and their incidents
 * live in one projection so that a site's open-incident figures never disagree with its incident list.
 * Each row remembers the stream revision it reflects, so an event delivered twice changes nothing.
 */
export const sitesRegistryProjection: Projection = {
  name: SITES_REGISTRY_PROJECTION,
  schema: SITES_READ_SCHEMA,
  filter: { eventTypes: [...MINE_SITE_EVENT_TYPES, ...SITE_INCIDENT_EVENT_TYPES] },
  migrations: [
    {
      version: 1,
      name: 'mine sites, inspections and incidents',
      up: (s) => `
        CREATE TABLE ${s}.sites (
          site_id text PRIMARY KEY,
          code text NOT NULL UNIQUE,
          name text NOT NULL,
          province text NOT NULL,
          territory text NOT NULL,
          minerals text[] NOT NULL,
          latitude double precision NOT NULL,
          longitude double precision NOT NULL,
          status text NOT NULL,
          status_reason text,
          status_changed_at timestamptz,
          remediation_deadline timestamptz,
          registered_at timestamptz NOT NULL,
          registered_by_agency_id text NOT NULL,
          revision bigint NOT NULL,
          updated_at timestamptz NOT NULL
        );
        CREATE INDEX sites_by_place ON ${s}.sites (province, territory, status);

        CREATE TABLE ${s}.inspections (
          site_id text NOT NULL,
          revision bigint NOT NULL,
          inspected_at timestamptz NOT NULL,
          inspecting_agency text NOT NULL,
          findings text NOT NULL,
          indicators_observed text[] NOT NULL,
          recommended_status text NOT NULL,
          recorded_by_agency_id text NOT NULL,
          PRIMARY KEY (site_id, revision)
        );
        CREATE INDEX inspections_latest ON ${s}.inspections (site_id, inspected_at DESC, revision DESC);

        CREATE TABLE ${s}.incidents (
          incident_id text PRIMARY KEY,
          site_id text NOT NULL,
          joint_case_id text,
          source text NOT NULL,
          description text NOT NULL,
          level smallint,
          reported_at timestamptz NOT NULL,
          reported_by_agency_id text NOT NULL,
          close_by timestamptz NOT NULL,
          classified_at timestamptz,
          closed_at timestamptz,
          summary text,
          revision bigint NOT NULL,
          updated_at timestamptz NOT NULL
        );
        CREATE INDEX incidents_open_by_site ON ${s}.incidents (site_id, level) WHERE closed_at IS NULL;
        CREATE INDEX incidents_by_site ON ${s}.incidents (site_id, reported_at);
      `,
    },
    {
      version: 2,
      name: "site timeline (the registry is replayed from the start to fill it with the site's past)",
      // Emptying the read model and forgetting its checkpoint, in the migration's transaction, makes the
      // projection runner (which migrates before it reads checkpoints) replay the log into it at start.
      up: (s) => `
        CREATE TABLE ${s}.timeline (
          event_id text PRIMARY KEY,
          site_id text NOT NULL,
          occurred_at timestamptz NOT NULL,
          kind text NOT NULL,
          agency_id text NOT NULL,
          agency_type text NOT NULL,
          incident_id text,
          joint_case_id text,
          from_status text,
          to_status text,
          level smallint,
          previous_level smallint,
          detail text,
          at timestamptz
        );
        CREATE INDEX timeline_by_site ON ${s}.timeline (site_id, occurred_at, event_id);
        TRUNCATE ${s}.sites, ${s}.inspections, ${s}.incidents;
        DO $$ BEGIN
          IF to_regclass('${CHECKPOINT_SCHEMA}.checkpoints') IS NOT NULL THEN
            DELETE FROM ${CHECKPOINT_SCHEMA}.checkpoints WHERE projection = '${SITES_REGISTRY_PROJECTION}';
          END IF;
        END $$;
      `,
    },
    {
      version: 3,
      name: 'ICGLR ids, Annex II categories and the history of both, for the supply-chain feed (replayed from the start)',
      // The feed shows the registry as it stood a delay ago, so what changes (an id corrected, an incident
      // reclassified) is kept with its time. Replayed like migration 2, to fill them with the past.
      up: (s) => `
        ALTER TABLE ${s}.sites ADD COLUMN icglr_id text;
        ALTER TABLE ${s}.incidents ADD COLUMN category text;
        CREATE TABLE ${s}.icglr_ids (
          site_id text NOT NULL,
          revision bigint NOT NULL,
          icglr_id text NOT NULL,
          recorded_at timestamptz NOT NULL,
          PRIMARY KEY (site_id, revision)
        );
        CREATE TABLE ${s}.classifications (
          incident_id text NOT NULL,
          revision bigint NOT NULL,
          site_id text NOT NULL,
          level smallint NOT NULL,
          category text,
          classified_at timestamptz NOT NULL,
          PRIMARY KEY (incident_id, revision)
        );
        CREATE INDEX classifications_by_site ON ${s}.classifications (site_id, classified_at);
        TRUNCATE ${s}.sites, ${s}.inspections, ${s}.incidents, ${s}.timeline;
        DO $$ BEGIN
          IF to_regclass('${CHECKPOINT_SCHEMA}.checkpoints') IS NOT NULL THEN
            DELETE FROM ${CHECKPOINT_SCHEMA}.checkpoints WHERE projection = '${SITES_REGISTRY_PROJECTION}';
          END IF;
        END $$;
      `,
    },
  ],
  async reset(tx: SqlQueryable): Promise<void> {
    await tx.query(
      `TRUNCATE ${SITES_READ_SCHEMA}.sites, ${SITES_READ_SCHEMA}.inspections, ${SITES_READ_SCHEMA}.incidents,
         ${SITES_READ_SCHEMA}.timeline, ${SITES_READ_SCHEMA}.icglr_ids, ${SITES_READ_SCHEMA}.classifications`,
    );
  },
  /** A live event is a page of one: the same rules, in a read and a write or two. */
  apply(tx: SqlQueryable, event: RecordedEvent): Promise<void> {
    return applyRegistryPage(tx, [event]);
  },
  /**
   * A page in a few statements, whatever its length: the page's sites and incidents are read once, its events
   * folded over them in log order (an event whose revision the row already reflects changes nothing), then each
   * changed row is written once, and the inspections, ids, classifications and timeline entries of the page each in
   * one insert.
   */
  applyPage: applyRegistryPage,
};

const s = SITES_READ_SCHEMA;

/** Reads the page's rows, folds its events over them in log order, writes what changed. */
async function applyRegistryPage(tx: SqlQueryable, events: readonly RecordedEvent[]): Promise<void> {
  const page = await RegistryPage.read(tx, events);
  for (const event of events) page.fold(event);
  await page.write(tx);
}

/**
 * One entry of a site's timeline: facts only, never the free text users wrote (findings, reasons,
 * descriptions, summaries), which may name people. The entry's summary is written from these columns.
 */
interface TimelineFacts {
  readonly siteId: string;
  readonly kind: Exclude<SiteTimelineKind, 'case_linked'>;
  readonly occurredAt: string;
  readonly incidentId?: string | null;
  readonly jointCaseId?: string | null;
  readonly fromStatus?: string | null;
  readonly toStatus?: string | null;
  readonly level?: number | null;
  readonly previousLevel?: number | null;
  /** The site code, the inspecting team, the incident source, or `reason` when a status reason was given. */
  readonly detail?: string | null;
  /** The remediation deadline of a yellow status, or when an inspection was recorded. */
  readonly at?: string | null;
}

/** Timeline entries of a page's events, written together by `write` (an event delivered again adds none). */
class Timeline {
  private entries: unknown[] = [];

  constructor(private readonly tx: SqlQueryable) {}

  add(event: RecordedEvent, facts: TimelineFacts): void {
    const actor = event.metadata.actor;
    this.entries.push({
      eventId: event.eventId,
      siteId: facts.siteId,
      occurredAt: facts.occurredAt,
      kind: facts.kind,
      agencyId: actor.agencyId,
      agencyType: actor.agencyType,
      incidentId: facts.incidentId ?? null,
      jointCaseId: facts.jointCaseId ?? null,
      fromStatus: facts.fromStatus ?? null,
      toStatus: facts.toStatus ?? null,
      level: facts.level ?? null,
      previousLevel: facts.previousLevel ?? null,
      detail: facts.detail ?? null,
      at: facts.at ?? null,
    });
  }

  async write(): Promise<void> {
    if (this.entries.length === 0) return;
    const entries = this.entries;
    this.entries = [];
    await this.tx.query(
      `INSERT INTO ${s}.timeline (event_id, site_id, occurred_at, kind, agency_id, agency_type, incident_id,
         joint_case_id, from_status, to_status, level, previous_level, detail, at)
       SELECT r->>'eventId', r->>'siteId', (r->>'occurredAt')::timestamptz, r->>'kind', r->>'agencyId',
         r->>'agencyType', r->>'incidentId', r->>'jointCaseId', r->>'fromStatus', r->>'toStatus',
         (r->>'level')::smallint, (r->>'previousLevel')::smallint, r->>'detail', (r->>'at')::timestamptz
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(r, n)
       ORDER BY n
       ON CONFLICT (event_id) DO NOTHING`,
      [JSON.stringify(entries)],
    );
  }
}

/** The timeline entry of a registration. */
function registrationFacts(d: MineSiteRegistered['data']): TimelineFacts {
  return { siteId: d.siteId, kind: 'registered', occurredAt: d.registeredAt, toStatus: d.status, detail: d.code };
}

/** The timeline entry of an inspection, in the order things happened: it may reach the platform days later. */
function inspectionFacts(d: MineSiteInspected['data']): TimelineFacts {
  return {
    siteId: d.siteId,
    kind: 'inspected',
    occurredAt: d.inspectedAt,
    toStatus: d.recommendedStatus,
    detail: d.inspectingAgency,
    at: d.recordedAt,
  };
}

/** The timeline entry of a status change: that a reason was given, never the reason. */
function statusChangeFacts(d: MineSiteStatusChanged['data']): TimelineFacts {
  return {
    siteId: d.siteId,
    kind: 'status_changed',
    occurredAt: d.changedAt,
    fromStatus: d.from,
    toStatus: d.to,
    detail: d.reason === null || d.reason.trim() === '' ? null : 'reason',
    at: d.remediationDeadline,
  };
}

/** The timeline entry of an incident report: its source, never its description. */
function reportFacts(d: SiteIncidentReported['data']): TimelineFacts {
  return {
    siteId: d.siteId,
    kind: 'incident_reported',
    occurredAt: d.reportedAt,
    incidentId: d.incidentId,
    jointCaseId: d.jointCaseId,
    detail: d.source,
  };
}

/** A site as a page leaves it: the row as read, then what the page's events changed. */
interface SiteFold {
  /** The revision the row reflects; undefined while there is no row (an event other than a registration changes none). */
  revision: number | undefined;
  changed: boolean;
  /** The registration that inserts the row, when the page does. */
  registered?: MineSiteRegistered['data'];
  updatedAt?: string;
  status?: { to: string; reason: string | null; changedAt: string; remediationDeadline: string | null };
  icglrId?: string;
}

/** An incident as a page leaves it, as `SiteFold` for a site. */
interface IncidentFold {
  revision: number | undefined;
  changed: boolean;
  siteId: string;
  jointCaseId: string | null;
  level: number | null;
  reported?: SiteIncidentReported['data'];
  updatedAt?: string;
  classification?: { category: string | null; classifiedAt: string };
  closure?: { closedAt: string; summary: string };
}

/**
 * One page of the registry: the rows its events touch, read once with `= ANY`, the events folded over them in log
 * order, then written: new rows in one insert per table, changed ones in one update per table. The tables that only
 * ever gain rows (inspections, ICGLR ids, classifications) keep the first of a key, as `ON CONFLICT DO NOTHING` does.
 */
class RegistryPage {
  private readonly inspections = new Map<string, unknown>();
  private readonly icglrIds = new Map<string, unknown>();
  private readonly classifications = new Map<string, unknown>();

  private constructor(
    private readonly sites: Map<string, SiteFold>,
    private readonly incidents: Map<string, IncidentFold>,
    private readonly timeline: Timeline,
  ) {}

  static async read(tx: SqlQueryable, events: readonly RecordedEvent[]): Promise<RegistryPage> {
    const siteIds = new Set<string>();
    const incidentIds = new Set<string>();
    for (const event of events) {
      if (isMineSiteEvent(event)) siteIds.add(event.data.siteId);
      else if (isSiteIncidentEvent(event)) incidentIds.add(event.data.incidentId);
    }
    const sites = new Map<string, SiteFold>();
    if (siteIds.size > 0) {
      const rows = await tx.query<{ site_id: string; revision: number | string }>(
        `SELECT site_id, revision FROM ${s}.sites WHERE site_id = ANY($1::text[])`,
        [[...siteIds]],
      );
      for (const row of rows) sites.set(row.site_id, { revision: Number(row.revision), changed: false });
    }
    for (const siteId of siteIds) if (!sites.has(siteId)) sites.set(siteId, { revision: undefined, changed: false });
    const incidents = new Map<string, IncidentFold>();
    if (incidentIds.size > 0) {
      const rows = await tx.query<{
        incident_id: string;
        site_id: string;
        joint_case_id: string | null;
        level: number | null;
        revision: number | string;
      }>(
        `SELECT incident_id, site_id, joint_case_id, level, revision FROM ${s}.incidents
         WHERE incident_id = ANY($1::text[])`,
        [[...incidentIds]],
      );
      for (const row of rows) {
        incidents.set(row.incident_id, {
          revision: Number(row.revision),
          changed: false,
          siteId: row.site_id,
          jointCaseId: row.joint_case_id,
          level: row.level,
        });
      }
    }
    return new RegistryPage(sites, incidents, new Timeline(tx));
  }

  fold(event: RecordedEvent): void {
    if (isMineSiteEvent(event)) this.foldSite(event);
    else if (isSiteIncidentEvent(event)) this.foldIncident(event);
  }

  private foldSite(event: RecordedEvent & MineSiteEvent): void {
    const revision = event.streamRevision;
    const site = this.sites.get(event.data.siteId);
    if (!site) throw new Error(`site ${event.data.siteId} was not read for its page`);
    // An event changes the row when there is one and it is behind the event's revision; delivered again, nothing.
    const behind = site.revision !== undefined && site.revision < revision;
    switch (event.type) {
      case 'MineSiteRegistered': {
        const d = event.data;
        if (site.revision === undefined) {
          site.revision = revision;
          site.changed = true;
          site.registered = d;
          site.updatedAt = d.registeredAt;
        }
        this.timeline.add(event, registrationFacts(d));
        return;
      }
      case 'MineSiteInspected': {
        const d = event.data;
        keepFirst(this.inspections, `${d.siteId}\u0000${revision}`, {
          siteId: d.siteId,
          revision,
          inspectedAt: d.inspectedAt,
          inspectingAgency: d.inspectingAgency,
          findings: d.findings,
          indicatorsObserved: d.indicatorsObserved,
          recommendedStatus: d.recommendedStatus,
          byAgencyId: d.byAgencyId,
        });
        if (behind) {
          site.revision = revision;
          site.changed = true;
          site.updatedAt = d.recordedAt;
        }
        this.timeline.add(event, inspectionFacts(d));
        return;
      }
      case 'MineSiteStatusChanged': {
        const d = event.data;
        if (behind) {
          site.revision = revision;
          site.changed = true;
          site.updatedAt = d.changedAt;
          site.status = {
            to: d.to,
            reason: d.reason,
            changedAt: d.changedAt,
            remediationDeadline: d.remediationDeadline,
          };
        }
        this.timeline.add(event, statusChangeFacts(d));
        return;
      }
      case 'MineSiteIcglrIdRecorded': {
        const d = event.data;
        keepFirst(this.icglrIds, `${d.siteId}\u0000${revision}`, {
          siteId: d.siteId,
          revision,
          icglrId: d.icglrId,
          recordedAt: d.recordedAt,
        });
        if (behind) {
          site.revision = revision;
          site.changed = true;
          site.updatedAt = d.recordedAt;
          site.icglrId = d.icglrId;
        }
        return;
      }
    }
  }

  private foldIncident(event: RecordedEvent & SiteIncidentEvent): void {
    const revision = event.streamRevision;
    const incident = this.incidents.get(event.data.incidentId);
    const behind = incident?.revision !== undefined && incident.revision < revision;
    switch (event.type) {
      case 'SiteIncidentReported': {
        const d = event.data;
        if (!incident) {
          this.incidents.set(d.incidentId, {
            revision,
            changed: true,
            siteId: d.siteId,
            jointCaseId: d.jointCaseId,
            level: null,
            reported: d,
            updatedAt: d.reportedAt,
          });
        }
        this.timeline.add(event, reportFacts(d));
        return;
      }
      case 'SiteIncidentClassified': {
        const d = event.data;
        if (!incident) return;
        this.timeline.add(event, {
          siteId: incident.siteId,
          kind: 'incident_classified',
          occurredAt: d.classifiedAt,
          incidentId: d.incidentId,
          jointCaseId: incident.jointCaseId,
          level: d.level,
          previousLevel: d.previousLevel,
        });
        keepFirst(this.classifications, `${d.incidentId}\u0000${revision}`, {
          incidentId: d.incidentId,
          revision,
          siteId: incident.siteId,
          level: d.level,
          category: d.category,
          classifiedAt: d.classifiedAt,
        });
        if (behind) {
          incident.revision = revision;
          incident.changed = true;
          incident.level = d.level;
          incident.classification = { category: d.category, classifiedAt: d.classifiedAt };
          incident.updatedAt = d.classifiedAt;
        }
        return;
      }
      case 'SiteIncidentClosed': {
        const d = event.data;
        if (!incident) return;
        this.timeline.add(event, {
          siteId: incident.siteId,
          kind: 'incident_closed',
          occurredAt: d.closedAt,
          incidentId: d.incidentId,
          jointCaseId: incident.jointCaseId,
          level: incident.level,
        });
        if (behind) {
          incident.revision = revision;
          incident.changed = true;
          incident.closure = { closedAt: d.closedAt, summary: d.summary };
          incident.updatedAt = d.closedAt;
        }
        return;
      }
    }
  }

  async write(tx: SqlQueryable): Promise<void> {
    await this.writeSites(tx);
    await insertRows(
      tx,
      `INSERT INTO ${s}.inspections (site_id, revision, inspected_at, inspecting_agency, findings, indicators_observed,
         recommended_status, recorded_by_agency_id)
       SELECT "siteId", revision, "inspectedAt", "inspectingAgency", findings, "indicatorsObserved",
         "recommendedStatus", "byAgencyId"
       FROM jsonb_to_recordset($1::jsonb) AS x("siteId" text, revision bigint, "inspectedAt" timestamptz,
         "inspectingAgency" text, findings text, "indicatorsObserved" text[], "recommendedStatus" text,
         "byAgencyId" text)
       ON CONFLICT (site_id, revision) DO NOTHING`,
      [...this.inspections.values()],
    );
    await insertRows(
      tx,
      `INSERT INTO ${s}.icglr_ids (site_id, revision, icglr_id, recorded_at)
       SELECT "siteId", revision, "icglrId", "recordedAt"
       FROM jsonb_to_recordset($1::jsonb) AS x("siteId" text, revision bigint, "icglrId" text, "recordedAt" timestamptz)
       ON CONFLICT (site_id, revision) DO NOTHING`,
      [...this.icglrIds.values()],
    );
    await this.writeIncidents(tx);
    await insertRows(
      tx,
      `INSERT INTO ${s}.classifications (incident_id, revision, site_id, level, category, classified_at)
       SELECT "incidentId", revision, "siteId", level, category, "classifiedAt"
       FROM jsonb_to_recordset($1::jsonb) AS x("incidentId" text, revision bigint, "siteId" text, level smallint,
         category text, "classifiedAt" timestamptz)
       ON CONFLICT (incident_id, revision) DO NOTHING`,
      [...this.classifications.values()],
    );
    await this.timeline.write();
  }

  private async writeSites(tx: SqlQueryable): Promise<void> {
    const inserted: unknown[] = [];
    const updated: unknown[] = [];
    for (const [siteId, site] of this.sites) {
      if (!site.changed) continue;
      const status = site.status;
      const changes = {
        siteId,
        revision: site.revision,
        updatedAt: site.updatedAt,
        statusChanged: status !== undefined,
        status: status?.to ?? null,
        statusReason: status?.reason ?? null,
        statusChangedAt: status?.changedAt ?? null,
        remediationDeadline: status?.remediationDeadline ?? null,
        icglrRecorded: site.icglrId !== undefined,
        icglrId: site.icglrId ?? null,
      };
      const d = site.registered;
      if (!d) updated.push(changes);
      else {
        inserted.push({
          ...changes,
          status: status?.to ?? d.status,
          code: d.code,
          name: d.name,
          province: d.province,
          territory: d.territory,
          minerals: d.minerals,
          latitude: d.latitude,
          longitude: d.longitude,
          registeredAt: d.registeredAt,
          byAgencyId: d.byAgencyId,
        });
      }
    }
    await insertRows(
      tx,
      `INSERT INTO ${s}.sites (site_id, code, name, province, territory, minerals, latitude, longitude, status,
         status_reason, status_changed_at, remediation_deadline, registered_at, registered_by_agency_id, revision,
         updated_at, icglr_id)
       SELECT "siteId", code, name, province, territory, minerals, latitude, longitude, status, "statusReason",
         "statusChangedAt", "remediationDeadline", "registeredAt", "byAgencyId", revision, "updatedAt", "icglrId"
       FROM jsonb_to_recordset($1::jsonb) AS x("siteId" text, code text, name text, province text, territory text,
         minerals text[], latitude double precision, longitude double precision, status text, "statusReason" text,
         "statusChangedAt" timestamptz, "remediationDeadline" timestamptz, "registeredAt" timestamptz,
         "byAgencyId" text, revision bigint, "updatedAt" timestamptz, "icglrId" text)
       ON CONFLICT (site_id) DO NOTHING`,
      inserted,
    );
    await insertRows(
      tx,
      `UPDATE ${s}.sites AS t
       SET status = CASE WHEN x."statusChanged" THEN x.status ELSE t.status END,
           status_reason = CASE WHEN x."statusChanged" THEN x."statusReason" ELSE t.status_reason END,
           status_changed_at = CASE WHEN x."statusChanged" THEN x."statusChangedAt" ELSE t.status_changed_at END,
           remediation_deadline =
             CASE WHEN x."statusChanged" THEN x."remediationDeadline" ELSE t.remediation_deadline END,
           icglr_id = CASE WHEN x."icglrRecorded" THEN x."icglrId" ELSE t.icglr_id END,
           revision = x.revision, updated_at = x."updatedAt"
       FROM jsonb_to_recordset($1::jsonb) AS x("siteId" text, revision bigint, "updatedAt" timestamptz,
         "statusChanged" boolean, status text, "statusReason" text, "statusChangedAt" timestamptz,
         "remediationDeadline" timestamptz, "icglrRecorded" boolean, "icglrId" text)
       WHERE t.site_id = x."siteId" AND t.revision < x.revision`,
      updated,
    );
  }

  private async writeIncidents(tx: SqlQueryable): Promise<void> {
    const inserted: unknown[] = [];
    const updated: unknown[] = [];
    for (const [incidentId, incident] of this.incidents) {
      if (!incident.changed) continue;
      const changes = {
        incidentId,
        revision: incident.revision,
        updatedAt: incident.updatedAt,
        classified: incident.classification !== undefined,
        level: incident.level,
        category: incident.classification?.category ?? null,
        classifiedAt: incident.classification?.classifiedAt ?? null,
        closed: incident.closure !== undefined,
        closedAt: incident.closure?.closedAt ?? null,
        summary: incident.closure?.summary ?? null,
      };
      const d = incident.reported;
      if (!d) updated.push(changes);
      else {
        inserted.push({
          ...changes,
          siteId: d.siteId,
          jointCaseId: d.jointCaseId,
          source: d.source,
          description: d.description,
          reportedAt: d.reportedAt,
          byAgencyId: d.byAgencyId,
          closeBy: incidentCloseBy(d.reportedAt).toISOString(),
        });
      }
    }
    await insertRows(
      tx,
      `INSERT INTO ${s}.incidents (incident_id, site_id, joint_case_id, source, description, level, reported_at,
         reported_by_agency_id, close_by, classified_at, closed_at, summary, revision, updated_at, category)
       SELECT "incidentId", "siteId", "jointCaseId", source, description, level, "reportedAt", "byAgencyId",
         "closeBy", "classifiedAt", "closedAt", summary, revision, "updatedAt", category
       FROM jsonb_to_recordset($1::jsonb) AS x("incidentId" text, "siteId" text, "jointCaseId" text, source text,
         description text, level smallint, "reportedAt" timestamptz, "byAgencyId" text, "closeBy" timestamptz,
         "classifiedAt" timestamptz, "closedAt" timestamptz, summary text, revision bigint, "updatedAt" timestamptz,
         category text)
       ON CONFLICT (incident_id) DO NOTHING`,
      inserted,
    );
    await insertRows(
      tx,
      `UPDATE ${s}.incidents AS t
       SET level = CASE WHEN x.classified THEN x.level ELSE t.level END,
           category = CASE WHEN x.classified THEN x.category ELSE t.category END,
           classified_at = CASE WHEN x.classified THEN x."classifiedAt" ELSE t.classified_at END,
           closed_at = CASE WHEN x.closed THEN x."closedAt" ELSE t.closed_at END,
           summary = CASE WHEN x.closed THEN x.summary ELSE t.summary END,
           revision = x.revision, updated_at = x."updatedAt"
       FROM jsonb_to_recordset($1::jsonb) AS x("incidentId" text, revision bigint, "updatedAt" timestamptz,
         classified boolean, level smallint, category text, "classifiedAt" timestamptz, closed boolean,
         "closedAt" timestamptz, summary text)
       WHERE t.incident_id = x."incidentId" AND t.revision < x.revision`,
      updated,
    );
  }
}

/** Keeps the first row of a key, as an insert `ON CONFLICT DO NOTHING` of each in turn would. */
function keepFirst(rows: Map<string, unknown>, key: string, row: unknown): void {
  if (!rows.has(key)) rows.set(key, row);
}

/** Runs a statement over rows given as one JSON array (`$1`), when there are any. */
async function insertRows(tx: SqlQueryable, sql: string, rows: readonly unknown[]): Promise<void> {
  if (rows.length > 0) await tx.query(sql, [JSON.stringify(rows)]);
}
