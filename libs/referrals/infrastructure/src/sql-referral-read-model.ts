import { AGENCY_TYPES, type AgencyType } from '@pamoja/contracts';
import { type SqlQueryable } from '@pamoja/event-store';
import {
  type ReferralConsentRecordView,
  type ReferralConsentView,
  type ReferralListFilter,
  type ReferralReadModel,
  type ReferralScreeningView,
  type ReferralView,
} from '@pamoja/referrals/application';
import {
  CONSENT_PURPOSES,
  type ChildLabourFlag,
  type ConsentGiver,
  type ConsentPurpose,
  type ExploitationPurpose,
  type ForcedLabourIndicator,
  type JointCaseLink,
  type ReferralStatus,
  type ReferralUrgency,
  type ScreeningResult,
  type TraffickingAct,
  type TraffickingMeans,
} from '@pamoja/referrals/domain';
import { REFERRALS_READ_SCHEMA } from './referral-handoffs.projection.js';

interface Row {
  referral_id: string;
  joint_case_id: string | null;
  joint_case: JointCaseLink | null;
  subject_is_child: boolean | null;
  child_protection_basis: boolean;
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
  deadline_missed: boolean;
  screening_result: ScreeningResult | null;
  screening_means_required: boolean | null;
  screening_explanation: string | null;
  screening_acts: TraffickingAct[] | null;
  screening_means: TraffickingMeans[] | null;
  screening_purposes: ExploitationPurpose[] | null;
  screening_person_is_child: boolean | null;
  screening_assessed_at: Date | null;
  screening_by_agency_id: string | null;
}

interface ConsentRow {
  referral_id: string;
  consent_id: string;
  given_by: ConsentGiver;
  agency_types: AgencyType[];
  purposes: ConsentPurpose[];
  recorded_at: Date;
  withdrawn_at: Date | null;
}

const COLUMNS = `*, (status = 'submitted' AND due_by < $2::timestamptz) AS overdue`;

function screeningOf(row: Row): ReferralScreeningView | null {
  if (row.screening_result === null || row.screening_assessed_at === null) return null;
  return {
    result: row.screening_result,
    meansRequired: row.screening_means_required ?? true,
    explanation: row.screening_explanation ?? '',
    acts: row.screening_acts ?? [],
    means: row.screening_means ?? [],
    purposes: row.screening_purposes ?? [],
    personIsChild: row.screening_person_is_child ?? false,
    assessedAt: row.screening_assessed_at,
    byAgencyId: row.screening_by_agency_id ?? '',
  };
}

/** Each value once, in the order of its vocabulary, so that two reads of the same consents compare equal. */
function unionInOrder<T extends string>(vocabulary: readonly T[], lists: readonly (readonly T[])[]): T[] {
  const present = new Set(lists.flat());
  return vocabulary.filter((value) => present.has(value));
}

function consentOf(rows: readonly ConsentRow[]): ReferralConsentView {
  const records: ReferralConsentRecordView[] = rows.map((r) => ({
    consentId: r.consent_id,
    givenBy: r.given_by,
    agencyTypes: r.agency_types,
    purposes: r.purposes,
    recordedAt: r.recorded_at,
    withdrawnAt: r.withdrawn_at,
  }));
  const inForce = records.filter((r) => r.withdrawnAt === null);
  return {
    active: inForce.length > 0,
    agencyTypes: unionInOrder(
      AGENCY_TYPES,
      inForce.map((r) => r.agencyTypes),
    ),
    purposes: unionInOrder(
      CONSENT_PURPOSES,
      inForce.map((r) => r.purposes),
    ),
    withdrawn: records.some((r) => r.withdrawnAt !== null),
    records,
  };
}

function toView(row: Row, consents: readonly ConsentRow[]): ReferralView {
  return {
    referralId: row.referral_id,
    jointCaseId: row.joint_case_id,
    jointCase: row.joint_case,
    subjectIsChild: row.subject_is_child,
    childProtectionBasis: row.child_protection_basis,
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
    deadlineMissed: row.deadline_missed,
    screening: screeningOf(row),
    consent: consentOf(consents),
    answeredAt: row.answered_at,
    closedAt: row.closed_at,
    statusReason: row.status_reason,
    revision: row.revision,
    updatedAt: row.updated_at,
  };
}

export class SqlReferralReadModel implements ReferralReadModel {
  constructor(private readonly db: SqlQueryable) {}

  /** The consents of the listed referrals in one query, not one per referral. */
  private async withConsents(rows: readonly Row[]): Promise<ReferralView[]> {
    if (rows.length === 0) return [];
    const consents = await this.db.query<ConsentRow>(
      `SELECT * FROM ${REFERRALS_READ_SCHEMA}.referral_consents WHERE referral_id = ANY($1::text[])
       ORDER BY recorded_at, consent_id`,
      [rows.map((r) => r.referral_id)],
    );
    const byReferral = new Map<string, ConsentRow[]>();
    for (const consent of consents) {
      const list = byReferral.get(consent.referral_id) ?? [];
      list.push(consent);
      byReferral.set(consent.referral_id, list);
    }
    return rows.map((row) => toView(row, byReferral.get(row.referral_id) ?? []));
  }

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
    return this.withConsents(rows);
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
    const [view] = await this.withConsents(rows);
    return view;
  }
}
