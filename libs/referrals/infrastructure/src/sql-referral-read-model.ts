import { type AgencyType } from '@pamoja/contracts';
import { type SqlQueryable } from '@pamoja/event-store';
import { type ReferralListFilter, type ReferralReadModel, type ReferralView } from '@pamoja/referrals/application';
import {
  type ChildLabourFlag,
  type ForcedLabourIndicator,
  type ReferralStatus,
  type ReferralUrgency,
} from '@pamoja/referrals/domain';
import { REFERRALS_READ_SCHEMA } from './referral-handoffs.projection.js';

interface Row {
  referral_id: string;
  joint_case_id: string | null;
  site_code: string | null;
  site_description: string | null;
  indicators: ForcedLabourIndicator[];
  child_labour_flags: ChildLabourFlag[];
  urgency: ReferralUrgency;
  from_agency_id: string;
  from_agency_type: AgencyType;
  to_agency_id: string;
  to_agency_type: AgencyType;
  status: ReferralStatus;
  summary: string;
  submitted_at: Date;
  due_by: Date;
  answered_at: Date | null;
  closed_at: Date | null;
  status_reason: string | null;
  revision: number;
  updated_at: Date;
  overdue: boolean;
}

const COLUMNS = `*, (status = 'submitted' AND due_by < $2::timestamptz) AS overdue`;

function toView(row: Row): ReferralView {
  return {
    referralId: row.referral_id,
    jointCaseId: row.joint_case_id,
    siteCode: row.site_code,
    siteDescription: row.site_description,
    indicators: row.indicators,
    childLabourFlags: row.child_labour_flags,
    urgency: row.urgency,
    fromAgencyId: row.from_agency_id,
    fromAgencyType: row.from_agency_type,
    toAgencyId: row.to_agency_id,
    toAgencyType: row.to_agency_type,
    status: row.status,
    summary: row.summary,
    submittedAt: row.submitted_at,
    dueBy: row.due_by,
    overdue: row.overdue,
    answeredAt: row.answered_at,
    closedAt: row.closed_at,
    statusReason: row.status_reason,
    revision: row.revision,
    updatedAt: row.updated_at,
  };
}

export class SqlReferralReadModel implements ReferralReadModel {
  constructor(private readonly db: SqlQueryable) {}

  private async list(
    column: 'to_agency_id' | 'from_agency_id',
    order: string,
    agencyId: string,
    filter: ReferralListFilter,
  ) {
    const params: unknown[] = [agencyId, filter.now.toISOString(), filter.limit];
    let where = `${column} = $1`;
    if (filter.status) {
      params.push(filter.status);
      where += ` AND status = $${params.length}`;
    }
    if (filter.overdueOnly) where += ` AND status = 'submitted' AND due_by < $2::timestamptz`;
    const rows = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM ${REFERRALS_READ_SCHEMA}.referrals WHERE ${where} ORDER BY ${order} LIMIT $3`,
      params,
    );
    return rows.map(toView);
  }

  incoming(agencyId: string, filter: ReferralListFilter): Promise<ReferralView[]> {
    // Pending first, then by urgency and by how soon they fall due.
    return this.list(
      'to_agency_id',
      `(status = 'submitted') DESC, urgency_rank, due_by, referral_id`,
      agencyId,
      filter,
    );
  }

  outgoing(agencyId: string, filter: ReferralListFilter): Promise<ReferralView[]> {
    return this.list('from_agency_id', 'submitted_at DESC, referral_id', agencyId, filter);
  }

  async byId(referralId: string, now: Date): Promise<ReferralView | undefined> {
    const rows = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM ${REFERRALS_READ_SCHEMA}.referrals WHERE referral_id = $1`,
      [referralId, now.toISOString()],
    );
    return rows[0] ? toView(rows[0]) : undefined;
  }
}
