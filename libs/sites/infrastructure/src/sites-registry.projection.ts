import { type RecordedEvent } from '@pamoja/contracts';
import { CHECKPOINT_SCHEMA, type Projection, type SqlQueryable } from '@pamoja/event-store';
import {
  incidentCloseBy,
  isMineSiteEvent,
  isSiteIncidentEvent,
  MINE_SITE_EVENT_TYPES,
  SITE_INCIDENT_EVENT_TYPES,
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
  async apply(tx: SqlQueryable, event: RecordedEvent): Promise<void> {
    const timeline = new Timeline(tx);
    if (isMineSiteEvent(event)) await applySiteEvent(tx, event, timeline);
    else if (isSiteIncidentEvent(event)) await applyIncidentEvent(tx, event, timeline);
    await timeline.write();
  },
  /**
   * A page: each event as `apply` applies it, the timeline entries (which nothing here reads back) written at the
   * end in one insert, in log order: one statement in place of one per event.
   */
  async applyPage(tx: SqlQueryable, events: readonly RecordedEvent[]): Promise<void> {
    const timeline = new Timeline(tx);
    for (const event of events) {
      if (isMineSiteEvent(event)) await applySiteEvent(tx, event, timeline);
      else if (isSiteIncidentEvent(event)) await applyIncidentEvent(tx, event, timeline);
    }
    await timeline.write();
  },
};

const s = SITES_READ_SCHEMA;

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

/** Timeline entries of the events being applied, written together by `write`. */
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

/** The incident as the registry knows it before this event: its site, joint case and level. */
async function incidentOf(
  tx: SqlQueryable,
  incidentId: string,
): Promise<{ site_id: string; joint_case_id: string | null; level: number | null } | undefined> {
  const rows = await tx.query<{ site_id: string; joint_case_id: string | null; level: number | null }>(
    `SELECT site_id, joint_case_id, level FROM ${s}.incidents WHERE incident_id = $1`,
    [incidentId],
  );
  return rows[0];
}

async function applySiteEvent(tx: SqlQueryable, event: RecordedEvent, timeline: Timeline): Promise<void> {
  if (!isMineSiteEvent(event)) return;
  const revision = event.streamRevision;
  switch (event.type) {
    case 'MineSiteRegistered': {
      const d = event.data;
      await tx.query(
        `INSERT INTO ${s}.sites (site_id, code, name, province, territory, minerals, latitude, longitude, status,
           registered_at, registered_by_agency_id, revision, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $10)
         ON CONFLICT (site_id) DO NOTHING`,
        [
          d.siteId,
          d.code,
          d.name,
          d.province,
          d.territory,
          d.minerals,
          d.latitude,
          d.longitude,
          d.status,
          d.registeredAt,
          d.byAgencyId,
          revision,
        ],
      );
      timeline.add(event, {
        siteId: d.siteId,
        kind: 'registered',
        occurredAt: d.registeredAt,
        toStatus: d.status,
        detail: d.code,
      });
      return;
    }
    case 'MineSiteInspected': {
      const d = event.data;
      await tx.query(
        `INSERT INTO ${s}.inspections (site_id, revision, inspected_at, inspecting_agency, findings,
           indicators_observed, recommended_status, recorded_by_agency_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (site_id, revision) DO NOTHING`,
        [
          d.siteId,
          revision,
          d.inspectedAt,
          d.inspectingAgency,
          d.findings,
          d.indicatorsObserved,
          d.recommendedStatus,
          d.byAgencyId,
        ],
      );
      await tx.query(`UPDATE ${s}.sites SET revision = $2, updated_at = $3 WHERE site_id = $1 AND revision < $2`, [
        d.siteId,
        revision,
        d.recordedAt,
      ]);
      // In the order things happened: an inspection may reach the platform days after it took place.
      timeline.add(event, {
        siteId: d.siteId,
        kind: 'inspected',
        occurredAt: d.inspectedAt,
        toStatus: d.recommendedStatus,
        detail: d.inspectingAgency,
        at: d.recordedAt,
      });
      return;
    }
    case 'MineSiteStatusChanged': {
      const d = event.data;
      await tx.query(
        `UPDATE ${s}.sites
         SET status = $3, status_reason = $4, status_changed_at = $5, remediation_deadline = $6,
             revision = $2, updated_at = $5
         WHERE site_id = $1 AND revision < $2`,
        [d.siteId, revision, d.to, d.reason, d.changedAt, d.remediationDeadline],
      );
      timeline.add(event, {
        siteId: d.siteId,
        kind: 'status_changed',
        occurredAt: d.changedAt,
        fromStatus: d.from,
        toStatus: d.to,
        detail: d.reason === null || d.reason.trim() === '' ? null : 'reason',
        at: d.remediationDeadline,
      });
      return;
    }
    case 'MineSiteIcglrIdRecorded': {
      const d = event.data;
      await tx.query(
        `INSERT INTO ${s}.icglr_ids (site_id, revision, icglr_id, recorded_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (site_id, revision) DO NOTHING`,
        [d.siteId, revision, d.icglrId, d.recordedAt],
      );
      await tx.query(
        `UPDATE ${s}.sites SET icglr_id = $3, revision = $2, updated_at = $4 WHERE site_id = $1 AND revision < $2`,
        [d.siteId, revision, d.icglrId, d.recordedAt],
      );
      return;
    }
  }
}

async function applyIncidentEvent(tx: SqlQueryable, event: RecordedEvent, timeline: Timeline): Promise<void> {
  if (!isSiteIncidentEvent(event)) return;
  const revision = event.streamRevision;
  switch (event.type) {
    case 'SiteIncidentReported': {
      const d = event.data;
      await tx.query(
        `INSERT INTO ${s}.incidents (incident_id, site_id, joint_case_id, source, description, reported_at,
           reported_by_agency_id, close_by, revision, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $6)
         ON CONFLICT (incident_id) DO NOTHING`,
        [
          d.incidentId,
          d.siteId,
          d.jointCaseId,
          d.source,
          d.description,
          d.reportedAt,
          d.byAgencyId,
          incidentCloseBy(d.reportedAt).toISOString(),
          revision,
        ],
      );
      timeline.add(event, {
        siteId: d.siteId,
        kind: 'incident_reported',
        occurredAt: d.reportedAt,
        incidentId: d.incidentId,
        jointCaseId: d.jointCaseId,
        detail: d.source,
      });
      return;
    }
    case 'SiteIncidentClassified': {
      const d = event.data;
      const incident = await incidentOf(tx, d.incidentId);
      if (incident) {
        timeline.add(event, {
          siteId: incident.site_id,
          kind: 'incident_classified',
          occurredAt: d.classifiedAt,
          incidentId: d.incidentId,
          jointCaseId: incident.joint_case_id,
          level: d.level,
          previousLevel: d.previousLevel,
        });
      }
      if (incident) {
        await tx.query(
          `INSERT INTO ${s}.classifications (incident_id, revision, site_id, level, category, classified_at)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (incident_id, revision) DO NOTHING`,
          [d.incidentId, revision, incident.site_id, d.level, d.category, d.classifiedAt],
        );
      }
      await tx.query(
        `UPDATE ${s}.incidents SET level = $3, category = $5, classified_at = $4, revision = $2, updated_at = $4
         WHERE incident_id = $1 AND revision < $2`,
        [d.incidentId, revision, d.level, d.classifiedAt, d.category],
      );
      return;
    }
    case 'SiteIncidentClosed': {
      const d = event.data;
      const incident = await incidentOf(tx, d.incidentId);
      if (incident) {
        timeline.add(event, {
          siteId: incident.site_id,
          kind: 'incident_closed',
          occurredAt: d.closedAt,
          incidentId: d.incidentId,
          jointCaseId: incident.joint_case_id,
          level: incident.level,
        });
      }
      await tx.query(
        `UPDATE ${s}.incidents SET closed_at = $3, summary = $4, revision = $2, updated_at = $3
         WHERE incident_id = $1 AND revision < $2`,
        [d.incidentId, revision, d.closedAt, d.summary],
      );
      return;
    }
  }
}
