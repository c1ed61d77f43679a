import { AGENCY_TYPES, LOG_START, personIdIntroducedBy, type AgencyType, type LogPosition } from '@pamoja/contracts';
import { type SqlQueryable } from '@pamoja/event-store';
import {
  type HandoffScope,
  type HandoffStatisticsView,
  type IncomingReferralKey,
  type OutgoingReferralKey,
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
  subject_person_id: string | null;
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
  submitted_transaction_id: number | string | null;
  submitted_global_position: number | string | null;
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
    subjectPersonId: row.subject_person_id ?? personIdIntroducedBy(row.referral_id),
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
    receivedAt:
      row.submitted_transaction_id === null || row.submitted_global_position === null
        ? null
        : {
            transactionId: Number(row.submitted_transaction_id),
            globalPosition: Number(row.submitted_global_position),
          },
  };
}

/** Site codes are PROVINCE-TERRITORY-NUMBER; the filters' values were validated, so LIKE patterns are safe. */
function siteCodePattern(filter: ReferralListFilter<unknown>): string | undefined {
  if (!filter.province && !filter.territory) return undefined;
  return `${filter.province ?? '__'}-${filter.territory ?? '___'}-%`;
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

  async handoffStatistics(scope: HandoffScope): Promise<HandoffStatisticsView> {
    const r = REFERRALS_READ_SCHEMA;
    // The referrals counted, once: sent or received by the agency, at the province's sites, submitted in the period.
    const scoped = `SELECT * FROM ${r}.referrals
      WHERE ($1::text IS NULL OR from_agency_id = $1 OR to_agency_id = $1)
        AND ($2::text IS NULL OR split_part(site_code, '-', 1) = $2)
        AND ($3::timestamptz IS NULL OR submitted_at >= $3)
        AND ($4::timestamptz IS NULL OR submitted_at < $4)`;
    const params = [
      scope.agencyId,
      scope.sitePrefix,
      scope.submittedFrom?.toISOString() ?? null,
      scope.submittedBefore?.toISOString() ?? null,
      scope.now.toISOString(),
    ];
    const [totals] = await this.db.query<{
      submitted: number | string;
      accepted: number | string;
      declined: number | string;
      open: number | string;
      overdue: number | string;
      median: number | string | null;
      p90: number | string | null;
    }>(
      `WITH scoped AS (${scoped})
       SELECT count(*) AS submitted,
         count(*) FILTER (WHERE status IN ('accepted', 'completed')) AS accepted,
         count(*) FILTER (WHERE status = 'declined') AS declined,
         count(*) FILTER (WHERE status = 'submitted') AS open,
         count(*) FILTER (WHERE status = 'submitted' AND due_by < $5::timestamptz) AS overdue,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - submitted_at) / 3600)
           FILTER (WHERE status IN ('accepted', 'completed') AND answered_at IS NOT NULL) AS median,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - submitted_at) / 3600)
           FILTER (WHERE status IN ('accepted', 'completed') AND answered_at IS NOT NULL) AS p90
       FROM scoped`,
      params,
    );
    const byAgency = await this.db.query<{ agency_id: string; overdue: number | string }>(
      `WITH scoped AS (${scoped})
       SELECT to_agency_id AS agency_id, count(*) AS overdue FROM scoped
       WHERE status = 'submitted' AND due_by < $5::timestamptz
       GROUP BY to_agency_id ORDER BY count(*) DESC, to_agency_id`,
      params,
    );
    const hours = (value: number | string | null | undefined) =>
      value === null || value === undefined ? null : Math.round(Number(value) * 10) / 10;
    return {
      submitted: Number(totals?.submitted ?? 0),
      accepted: Number(totals?.accepted ?? 0),
      declined: Number(totals?.declined ?? 0),
      open: Number(totals?.open ?? 0),
      overdue: Number(totals?.overdue ?? 0),
      acceptHoursMedian: hours(totals?.median),
      acceptHoursP90: hours(totals?.p90),
      overdueByAgency: byAgency.map((row) => ({ agencyId: row.agency_id, overdue: Number(row.overdue) })),
    };
  }

  private async list<TKey>(
    column: 'to_agency_id' | 'from_agency_id',
    agencyId: string,
    filter: ReferralListFilter<TKey>,
    page: { order: string; after: (key: TKey, params: unknown[]) => string },
  ): Promise<ReferralView[]> {
    const params: unknown[] = [agencyId, filter.now.toISOString(), filter.first + 1];
    const where = [`${column} = $1`];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.status) where.push(`status = ${param(filter.status)}`);
    if (filter.overdue === true) where.push(`(status = 'submitted' AND due_by < $2::timestamptz)`);
    if (filter.overdue === false) where.push(`NOT (status = 'submitted' AND due_by < $2::timestamptz)`);
    if (filter.siteCode) where.push(`site_code = ${param(filter.siteCode)}`);
    const pattern = siteCodePattern(filter);
    if (pattern) where.push(`site_code LIKE ${param(pattern)}`);
    if (filter.after) where.push(page.after(filter.after, params));
    const rows = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM ${REFERRALS_READ_SCHEMA}.referrals WHERE ${where.join(' AND ')}
       ORDER BY ${page.order} LIMIT $3`,
      params,
    );
    return this.withConsents(rows);
  }

  incoming(agencyId: string, filter: ReferralListFilter<IncomingReferralKey>): Promise<ReferralView[]> {
    // Pending first, then by urgency and by how soon they fall due; the id keeps the order total.
    const pending = `(CASE WHEN status = 'submitted' THEN 0 ELSE 1 END)`;
    return this.list('to_agency_id', agencyId, filter, {
      order: `${pending}, urgency_rank, due_by, referral_id`,
      after: ([rank, urgency, dueBy, id], params) => {
        params.push(rank, urgency, dueBy.toISOString(), id);
        const n = params.length;
        return `(${pending}, urgency_rank, due_by, referral_id) >
          ($${n - 3}::int, $${n - 2}::int, $${n - 1}::timestamptz, $${n}::text)`;
      },
    });
  }

  outgoing(agencyId: string, filter: ReferralListFilter<OutgoingReferralKey>): Promise<ReferralView[]> {
    return this.list('from_agency_id', agencyId, filter, {
      order: 'submitted_at DESC, referral_id DESC',
      after: ([submittedAt, id], params) => {
        params.push(submittedAt.toISOString(), id);
        const n = params.length;
        return `(submitted_at, referral_id) < ($${n - 1}::timestamptz, $${n}::text)`;
      },
    });
  }

  async byJointCase(jointCaseId: string, now: Date): Promise<ReferralView[]> {
    const rows = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM ${REFERRALS_READ_SCHEMA}.referrals WHERE joint_case_id = $1
       ORDER BY submitted_at, referral_id`,
      [jointCaseId, now.toISOString()],
    );
    return this.withConsents(rows);
  }

  async receivedAfter(agencyId: string, after: LogPosition, limit: number, now: Date): Promise<ReferralView[]> {
    const rows = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM ${REFERRALS_READ_SCHEMA}.referrals
       WHERE to_agency_id = $1
         AND (submitted_transaction_id, submitted_global_position) > ($3::bigint, $4::bigint)
       ORDER BY submitted_transaction_id, submitted_global_position LIMIT $5`,
      [agencyId, now.toISOString(), after.transactionId, after.globalPosition, limit],
    );
    return this.withConsents(rows);
  }

  async lastReceived(agencyId: string): Promise<LogPosition> {
    const [row] = await this.db.query<{ transaction_id: number | string; global_position: number | string }>(
      `SELECT submitted_transaction_id AS transaction_id, submitted_global_position AS global_position
       FROM ${REFERRALS_READ_SCHEMA}.referrals
       WHERE to_agency_id = $1 AND submitted_transaction_id IS NOT NULL
       ORDER BY submitted_transaction_id DESC, submitted_global_position DESC LIMIT 1`,
      [agencyId],
    );
    return row ? { transactionId: Number(row.transaction_id), globalPosition: Number(row.global_position) } : LOG_START;
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
