import { type SqlQueryable } from '@pamoja/event-store';
import {
  type AppealView,
  type ChargeView,
  type HearingView,
  type ProsecutionDetailView,
  type ProsecutionListFilter,
  type ProsecutionReadModel,
  type ProsecutionSummaryView,
  type RestitutionView,
  type UpcomingHearingsFilter,
} from '@pamoja/prosecutions/application';
import {
  type AppealOutcome,
  type AppealParty,
  type CaseFileSuspect,
  type CloseReason,
  type Currency,
  type ProsecutionOffence,
  type ProsecutionStatus,
  type Verdict,
} from '@pamoja/prosecutions/domain';
import { PROSECUTIONS_READ_SCHEMA } from './prosecutions.projection.js';

const s = PROSECUTIONS_READ_SCHEMA;

interface ProsecutionRow {
  prosecution_id: string;
  joint_case_id: string;
  office_agency_id: string;
  case_file_id: string;
  investigation_id: string;
  from_police_agency_id: string;
  suspects: CaseFileSuspect[];
  status: ProsecutionStatus;
  charge_count: number;
  verdict_count: number;
  conviction_count: number;
  hearing_count: number;
  hearings_held_count: number;
  received_at: Date;
  closed_at: Date | null;
  close_reason: CloseReason | null;
  close_note: string | null;
  revision: number;
  updated_at: Date;
}

interface ChargeRow {
  charge_id: string;
  suspect_id: string;
  offence: ProsecutionOffence;
  legal_basis: string;
  filed_at: Date;
  verdict: Verdict | null;
  verdict_rendered_at: Date | null;
  imprisonment_months: number | null;
  fine_amount: number | null;
  fine_currency: Currency | null;
  other_measures: string | null;
  sentenced_at: Date | null;
}

interface HearingRow {
  hearing_id: string;
  prosecution_id: string;
  joint_case_id: string;
  court: string;
  scheduled_for: Date;
  purpose: string;
  held_at: Date | null;
  outcome: string | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  outcome_overdue_at: Date | null;
  reschedule_count: number;
}

interface RestitutionRow {
  restitution_id: string;
  victim_ref: string;
  amount: number;
  currency: Currency;
  note: string | null;
  ordered_at: Date;
}

interface AppealRow {
  appeal_id: string;
  charge_id: string;
  appealed_by: AppealParty;
  filed_at: Date;
  outcome: AppealOutcome | null;
  decided_at: Date | null;
}

function toSummary(row: ProsecutionRow): ProsecutionSummaryView {
  return {
    prosecutionId: row.prosecution_id,
    jointCaseId: row.joint_case_id,
    officeAgencyId: row.office_agency_id,
    caseFileId: row.case_file_id,
    investigationId: row.investigation_id,
    fromPoliceAgencyId: row.from_police_agency_id,
    suspects: row.suspects,
    status: row.status,
    chargeCount: row.charge_count,
    verdictCount: row.verdict_count,
    convictionCount: row.conviction_count,
    hearingCount: row.hearing_count,
    hearingsHeldCount: row.hearings_held_count,
    receivedAt: row.received_at,
    closedAt: row.closed_at,
    closeReason: row.close_reason,
    closeNote: row.close_note,
    revision: row.revision,
    updatedAt: row.updated_at,
  };
}

function toCharge(row: ChargeRow): ChargeView {
  return {
    chargeId: row.charge_id,
    suspectId: row.suspect_id,
    offence: row.offence,
    legalBasis: row.legal_basis,
    filedAt: row.filed_at,
    verdict: row.verdict,
    verdictRenderedAt: row.verdict_rendered_at,
    sentence:
      row.sentenced_at === null
        ? null
        : {
            imprisonmentMonths: row.imprisonment_months ?? 0,
            fineAmount: row.fine_amount,
            fineCurrency: row.fine_currency,
            otherMeasures: row.other_measures,
            imposedAt: row.sentenced_at,
          },
  };
}

function toHearing(row: HearingRow): HearingView {
  return {
    hearingId: row.hearing_id,
    prosecutionId: row.prosecution_id,
    jointCaseId: row.joint_case_id,
    court: row.court,
    scheduledFor: row.scheduled_for,
    purpose: row.purpose,
    heldAt: row.held_at,
    outcome: row.outcome,
    cancelledAt: row.cancelled_at,
    cancelReason: row.cancel_reason,
    outcomeOverdueAt: row.outcome_overdue_at,
    rescheduleCount: row.reschedule_count,
  };
}

const HEARING_COLUMNS = `h.hearing_id, h.prosecution_id, p.joint_case_id, h.court, h.scheduled_for, h.purpose,
  h.held_at, h.outcome, h.cancelled_at, h.cancel_reason, h.outcome_overdue_at, h.reschedule_count`;

export class SqlProsecutionReadModel implements ProsecutionReadModel {
  constructor(private readonly db: SqlQueryable) {}

  async list(officeAgencyId: string, filter: ProsecutionListFilter): Promise<ProsecutionSummaryView[]> {
    const params: unknown[] = [officeAgencyId, filter.limit];
    let where = 'office_agency_id = $1';
    if (filter.status) {
      params.push(filter.status);
      where += ` AND status = $${params.length}`;
    }
    if (filter.jointCaseId) {
      params.push(filter.jointCaseId);
      where += ` AND joint_case_id = $${params.length}`;
    }
    if (filter.after) {
      // Keyset: newest first, ties by prosecution id, so a page never repeats or skips a row.
      params.push(filter.after.receivedAt.toISOString(), filter.after.prosecutionId);
      const at = `$${params.length - 1}::timestamptz`;
      const id = `$${params.length}`;
      where += ` AND (received_at < ${at} OR (received_at = ${at} AND prosecution_id > ${id}))`;
    }
    const rows = await this.db.query<ProsecutionRow>(
      `SELECT * FROM ${s}.prosecutions WHERE ${where} ORDER BY received_at DESC, prosecution_id LIMIT $2`,
      params,
    );
    return rows.map(toSummary);
  }

  async ofJointCase(jointCaseId: string): Promise<ProsecutionSummaryView[]> {
    const rows = await this.db.query<ProsecutionRow>(
      `SELECT * FROM ${s}.prosecutions WHERE joint_case_id = $1 ORDER BY received_at, prosecution_id`,
      [jointCaseId],
    );
    return rows.map(toSummary);
  }

  async byId(prosecutionId: string): Promise<ProsecutionDetailView | undefined> {
    const [row] = await this.db.query<ProsecutionRow>(`SELECT * FROM ${s}.prosecutions WHERE prosecution_id = $1`, [
      prosecutionId,
    ]);
    if (!row) return undefined;
    const charges = await this.db.query<ChargeRow>(
      `SELECT charge_id, suspect_id, offence, legal_basis, filed_at, verdict, verdict_rendered_at, imprisonment_months,
         fine_amount::float8 AS fine_amount, fine_currency, other_measures, sentenced_at
       FROM ${s}.charges WHERE prosecution_id = $1 ORDER BY filed_at, charge_id`,
      [prosecutionId],
    );
    const hearings = await this.db.query<HearingRow>(
      `SELECT ${HEARING_COLUMNS} FROM ${s}.hearings h JOIN ${s}.prosecutions p USING (prosecution_id)
       WHERE h.prosecution_id = $1 ORDER BY h.scheduled_for, h.hearing_id`,
      [prosecutionId],
    );
    const restitutions = await this.db.query<RestitutionRow>(
      `SELECT restitution_id, victim_ref, amount::float8 AS amount, currency, note, ordered_at
       FROM ${s}.restitutions WHERE prosecution_id = $1 ORDER BY ordered_at, restitution_id`,
      [prosecutionId],
    );
    const appeals = await this.db.query<AppealRow>(
      `SELECT appeal_id, charge_id, appealed_by, filed_at, outcome, decided_at FROM ${s}.appeals
       WHERE prosecution_id = $1 ORDER BY filed_at, appeal_id`,
      [prosecutionId],
    );
    return {
      ...toSummary(row),
      charges: charges.map(toCharge),
      hearings: hearings.map(toHearing),
      restitutions: restitutions.map((r): RestitutionView => ({
        restitutionId: r.restitution_id,
        victimRef: r.victim_ref,
        amount: r.amount,
        currency: r.currency,
        note: r.note,
        orderedAt: r.ordered_at,
      })),
      appeals: appeals.map((a): AppealView => ({
        appealId: a.appeal_id,
        chargeId: a.charge_id,
        by: a.appealed_by,
        filedAt: a.filed_at,
        outcome: a.outcome,
        decidedAt: a.decided_at,
      })),
    };
  }

  async upcomingHearings(officeAgencyId: string, filter: UpcomingHearingsFilter): Promise<HearingView[]> {
    const params: unknown[] = [officeAgencyId, filter.until.toISOString(), filter.limit];
    let after = '';
    if (filter.after) {
      // Keyset: soonest first, ties by hearing id.
      params.push(filter.after.scheduledFor.toISOString(), filter.after.hearingId);
      after = ` AND (h.scheduled_for, h.hearing_id) > ($4::timestamptz, $5)`;
    }
    // A closed prosecution's scheduled hearings will not take place, nor will cancelled ones: they must not
    // fill the agenda. A hearing whose date has passed (before `from`) stays, first, until the office records
    // what happened: held, moved or cancelled; two days after its date it is flagged overdue.
    const rows = await this.db.query<HearingRow>(
      `SELECT ${HEARING_COLUMNS} FROM ${s}.hearings h JOIN ${s}.prosecutions p USING (prosecution_id)
       WHERE p.office_agency_id = $1 AND p.closed_at IS NULL AND h.held_at IS NULL AND h.cancelled_at IS NULL
         AND h.scheduled_for <= $2::timestamptz${after}
       ORDER BY h.scheduled_for, h.hearing_id LIMIT $3`,
      params,
    );
    return rows.map(toHearing);
  }
}
