import { type SqlQueryable } from '@pamoja/event-store';
import {
  type CaseCountScope,
  type EscalationListFilter,
  type EscalationView,
  type JointCaseListFilter,
  type JointCaseReadModel,
  type JointCaseView,
  type TimelineEntryView,
  type TimelineKey,
  type TimelineVisibility,
} from '@pamoja/coordination/application';
import { type AssistanceStage, type CaseStage } from '@pamoja/coordination/domain';
import { COORDINATION_READ_SCHEMA as s } from './joint-case.projection.js';

interface CaseRow {
  joint_case_id: string;
  stage: CaseStage;
  assistance_stage: AssistanceStage;
  site_code: string | null;
  referral_ids: string[];
  investigation_ids: string[];
  prosecution_ids: string[];
  assistance_ids: string[];
  incident_ids: string[];
  agency_ids: string[];
  missed_deadlines: number;
  opened_at: Date;
  last_activity_at: Date;
}

const toCase = (r: CaseRow): JointCaseView => ({
  jointCaseId: r.joint_case_id,
  stage: r.stage,
  assistanceStage: r.assistance_stage,
  siteCode: r.site_code,
  referralIds: r.referral_ids,
  investigationIds: r.investigation_ids,
  prosecutionIds: r.prosecution_ids,
  assistanceIds: r.assistance_ids,
  incidentIds: r.incident_ids,
  agencyIds: r.agency_ids,
  missedDeadlines: r.missed_deadlines,
  openedAt: r.opened_at,
  lastActivityAt: r.last_activity_at,
});

interface TimelineRow {
  event_id: string;
  joint_case_id: string;
  event_type: string;
  stream_id: string;
  agency_id: string;
  agency_type: string;
  roles: string[];
  occurred_at: Date;
  summary: string | null;
  category: string | null;
  transaction_id: string;
  global_position: string;
  seq: string;
}

// Big integers as text: PostgreSQL and PGlite return bigint columns differently, and cursors carry them.
const TIMELINE_COLUMNS = `event_id, joint_case_id, event_type, stream_id, agency_id, agency_type, roles, occurred_at, summary,
  category, transaction_id::text AS transaction_id, global_position::text AS global_position, seq::text AS seq`;

const toEntry = (r: TimelineRow): TimelineEntryView => ({
  jointCaseId: r.joint_case_id,
  eventId: r.event_id,
  eventType: r.event_type,
  streamId: r.stream_id,
  agencyId: r.agency_id,
  agencyType: r.agency_type,
  roles: r.roles,
  occurredAt: r.occurred_at,
  summary: r.summary,
  category: r.category,
  transactionId: r.transaction_id,
  globalPosition: r.global_position,
  seq: r.seq,
});

interface EscalationRow {
  event_id: string;
  joint_case_id: string | null;
  kind: string;
  subject_id: string;
  agency_id: string | null;
  due_by: Date | null;
  missed_at: Date;
  resolved_at: Date | null;
  seq: string;
}

const ESCALATION_COLUMNS = `event_id, joint_case_id, kind, subject_id, agency_id, due_by, missed_at, resolved_at,
  seq::text AS seq`;

const toEscalation = (r: EscalationRow): EscalationView => ({
  escalationId: r.event_id,
  jointCaseId: r.joint_case_id,
  kind: r.kind,
  subjectId: r.subject_id,
  agencyId: r.agency_id,
  dueBy: r.due_by,
  missedAt: r.missed_at,
  resolvedAt: r.resolved_at,
  seq: r.seq,
});

export class SqlJointCaseReadModel implements JointCaseReadModel {
  constructor(private readonly db: SqlQueryable) {}

  async byId(jointCaseId: string): Promise<JointCaseView | undefined> {
    const rows = await this.db.query<CaseRow>(`SELECT * FROM ${s}.joint_cases WHERE joint_case_id = $1`, [jointCaseId]);
    return rows[0] ? toCase(rows[0]) : undefined;
  }

  async stageCounts(scope: CaseCountScope): Promise<ReadonlyMap<CaseStage, number>> {
    const rows = await this.db.query<{ stage: CaseStage; count: number | string }>(
      `SELECT c.stage, count(*) AS count FROM ${s}.joint_cases c
       WHERE ($1::text IS NULL OR split_part(c.site_code, '-', 1) = $1)
         AND ($2::timestamptz IS NULL OR c.opened_at >= $2)
         AND ($3::timestamptz IS NULL OR c.opened_at < $3)
         AND ($4::text[] IS NULL OR c.joint_case_id = ANY($4::text[]))
       GROUP BY c.stage`,
      [
        scope.sitePrefix,
        scope.openedFrom?.toISOString() ?? null,
        scope.openedBefore?.toISOString() ?? null,
        scope.jointCaseIds ? [...scope.jointCaseIds] : null,
      ],
    );
    return new Map(rows.map((r) => [r.stage, Number(r.count)]));
  }

  async list(filter: JointCaseListFilter): Promise<JointCaseView[]> {
    const rows = await this.db.query<CaseRow>(
      `SELECT c.* FROM ${s}.joint_cases c
       WHERE ($1::text IS NULL OR c.stage = $1)
         AND ($2::text IS NULL OR split_part(c.site_code, '-', 1) = $2)
         AND ($3::text IS NULL OR split_part(c.site_code, '-', 2) = $3)
         AND ($4::text IS NULL OR c.site_code = $4)
         AND ($5::boolean IS NULL OR $5 = EXISTS (
           SELECT 1 FROM ${s}.escalations e WHERE e.joint_case_id = c.joint_case_id AND e.resolved_at IS NULL))
         AND ($6::timestamptz IS NULL OR (c.last_activity_at, c.joint_case_id) < ($6::timestamptz, $7::text))
         AND ($9::text[] IS NULL OR c.joint_case_id = ANY($9::text[]))
       ORDER BY c.last_activity_at DESC, c.joint_case_id DESC LIMIT $8`,
      [
        filter.stage ?? null,
        filter.province ?? null,
        filter.territory ?? null,
        filter.siteCode ?? null,
        filter.overdue ?? null,
        filter.after?.lastActivityAt.toISOString() ?? null,
        filter.after?.jointCaseId ?? null,
        filter.limit,
        filter.jointCaseIds ? [...filter.jointCaseIds] : null,
      ],
    );
    return rows.map(toCase);
  }

  async timeline(
    jointCaseId: string,
    page: { limit: number; after?: TimelineKey },
    visibility: TimelineVisibility,
  ): Promise<TimelineEntryView[]> {
    const { after } = page;
    const rows = await this.db.query<TimelineRow>(
      `SELECT ${TIMELINE_COLUMNS} FROM ${s}.timeline
       WHERE joint_case_id = $1
         AND (event_type = ANY($7::text[]) OR (agency_id = $8 AND event_type = ANY($9::text[])))
         AND ($2::timestamptz IS NULL OR (occurred_at, transaction_id, global_position, seq)
           > ($2::timestamptz, $3::bigint, $4::bigint, $5::bigint))
       ORDER BY occurred_at, transaction_id, global_position, seq LIMIT $6`,
      [
        jointCaseId,
        after?.occurredAt.toISOString() ?? null,
        after?.transactionId ?? null,
        after?.globalPosition ?? null,
        after?.seq ?? null,
        page.limit,
        visibility.types,
        visibility.ownAgencyId,
        visibility.ownTypes,
      ],
    );
    return rows.map(toEntry);
  }

  async timelineArrivedAfter(
    jointCaseId: string,
    seq: string,
    limit: number,
    visibility: TimelineVisibility,
  ): Promise<TimelineEntryView[]> {
    const rows = await this.db.query<TimelineRow>(
      `SELECT ${TIMELINE_COLUMNS} FROM ${s}.timeline
       WHERE joint_case_id = $1 AND seq > $2::bigint
         AND (event_type = ANY($4::text[]) OR (agency_id = $5 AND event_type = ANY($6::text[])))
       ORDER BY seq LIMIT $3`,
      [jointCaseId, seq, limit, visibility.types, visibility.ownAgencyId, visibility.ownTypes],
    );
    return rows.map(toEntry);
  }

  async escalations(filter: EscalationListFilter): Promise<EscalationView[]> {
    const rows = await this.db.query<EscalationRow>(
      `SELECT ${ESCALATION_COLUMNS} FROM ${s}.escalations
       WHERE (NOT $1 OR resolved_at IS NULL)
         AND ($2::text IS NULL OR agency_id = $2)
         AND ($3::timestamptz IS NULL OR (missed_at, event_id) > ($3::timestamptz, $4::text))
       ORDER BY missed_at, event_id LIMIT $5`,
      [
        filter.openOnly,
        filter.agencyId ?? null,
        filter.after?.missedAt.toISOString() ?? null,
        filter.after?.escalationId ?? null,
        filter.limit,
      ],
    );
    return rows.map(toEscalation);
  }

  async escalationsArrivedAfter(seq: string, agencyId: string | undefined, limit: number): Promise<EscalationView[]> {
    const rows = await this.db.query<EscalationRow>(
      `SELECT ${ESCALATION_COLUMNS} FROM ${s}.escalations
       WHERE seq > $1::bigint AND ($2::text IS NULL OR agency_id = $2) ORDER BY seq LIMIT $3`,
      [seq, agencyId ?? null, limit],
    );
    return rows.map(toEscalation);
  }

  async lastArrivals(): Promise<{ timeline: string; escalations: string }> {
    const rows = await this.db.query<{ timeline: string; escalations: string }>(
      `SELECT (SELECT coalesce(max(seq), 0)::text FROM ${s}.timeline) AS timeline,
              (SELECT coalesce(max(seq), 0)::text FROM ${s}.escalations) AS escalations`,
    );
    return rows[0] ?? { timeline: '0', escalations: '0' };
  }
}
