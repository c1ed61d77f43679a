import { type SqlQueryable } from '@pamoja/event-store';
import {
  type EscalationView,
  type JointCaseReadModel,
  type JointCaseView,
  type TimelineEntryView,
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

export class SqlJointCaseReadModel implements JointCaseReadModel {
  constructor(private readonly db: SqlQueryable) {}

  async byId(jointCaseId: string): Promise<JointCaseView | undefined> {
    const rows = await this.db.query<CaseRow>(`SELECT * FROM ${s}.joint_cases WHERE joint_case_id = $1`, [jointCaseId]);
    return rows[0] ? toCase(rows[0]) : undefined;
  }

  async list(filter: { stage?: CaseStage; limit: number }): Promise<JointCaseView[]> {
    const rows = await this.db.query<CaseRow>(
      `SELECT * FROM ${s}.joint_cases WHERE ($1::text IS NULL OR stage = $1)
       ORDER BY last_activity_at DESC, joint_case_id LIMIT $2`,
      [filter.stage ?? null, filter.limit],
    );
    return rows.map(toCase);
  }

  async timeline(jointCaseId: string): Promise<TimelineEntryView[]> {
    const rows = await this.db.query<{
      event_id: string;
      event_type: string;
      agency_id: string;
      agency_type: string;
      roles: string[];
      occurred_at: Date;
    }>(
      `SELECT event_id, event_type, agency_id, agency_type, roles, occurred_at FROM ${s}.timeline
       WHERE joint_case_id = $1 ORDER BY occurred_at, transaction_id, global_position`,
      [jointCaseId],
    );
    return rows.map((r) => ({
      eventId: r.event_id,
      eventType: r.event_type,
      agencyId: r.agency_id,
      agencyType: r.agency_type,
      roles: r.roles,
      occurredAt: r.occurred_at,
    }));
  }

  async escalations(filter: { openOnly: boolean; limit: number }): Promise<EscalationView[]> {
    const rows = await this.db.query<{
      event_id: string;
      joint_case_id: string | null;
      kind: string;
      subject_id: string;
      agency_id: string | null;
      due_by: Date | null;
      missed_at: Date;
      resolved_at: Date | null;
    }>(`SELECT * FROM ${s}.escalations WHERE (NOT $1 OR resolved_at IS NULL) ORDER BY missed_at, event_id LIMIT $2`, [
      filter.openOnly,
      filter.limit,
    ]);
    return rows.map((r) => ({
      escalationId: r.event_id,
      jointCaseId: r.joint_case_id,
      kind: r.kind,
      subjectId: r.subject_id,
      agencyId: r.agency_id,
      dueBy: r.due_by,
      missedAt: r.missed_at,
      resolvedAt: r.resolved_at,
    }));
  }
}
