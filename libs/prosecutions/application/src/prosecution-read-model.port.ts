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

/** A prosecution as its office's list shows it. */
export interface ProsecutionSummaryView {
  readonly prosecutionId: string;
  readonly jointCaseId: string;
  readonly officeAgencyId: string;
  readonly caseFileId: string;
  readonly investigationId: string;
  readonly fromPoliceAgencyId: string;
  readonly suspects: readonly CaseFileSuspect[];
  readonly status: ProsecutionStatus;
  readonly chargeCount: number;
  readonly verdictCount: number;
  readonly convictionCount: number;
  readonly hearingCount: number;
  readonly hearingsHeldCount: number;
  readonly receivedAt: Date;
  readonly closedAt: Date | null;
  readonly closeReason: CloseReason | null;
  readonly closeNote: string | null;
  readonly revision: number;
  readonly updatedAt: Date;
}

export interface SentenceView {
  readonly imprisonmentMonths: number;
  readonly fineAmount: number | null;
  readonly fineCurrency: Currency | null;
  readonly otherMeasures: string | null;
  readonly imposedAt: Date;
}

export interface ChargeView {
  readonly chargeId: string;
  readonly suspectId: string;
  readonly offence: ProsecutionOffence;
  readonly legalBasis: string;
  readonly filedAt: Date;
  readonly verdict: Verdict | null;
  readonly verdictRenderedAt: Date | null;
  readonly sentence: SentenceView | null;
}

export interface HearingView {
  readonly hearingId: string;
  readonly prosecutionId: string;
  readonly jointCaseId: string;
  readonly court: string;
  readonly scheduledFor: Date;
  readonly purpose: string;
  readonly heldAt: Date | null;
  readonly outcome: string | null;
  /** Set when the hearing will not take place. */
  readonly cancelledAt: Date | null;
  readonly cancelReason: string | null;
  /** Set when the date passed long ago and nobody recorded whether the hearing was held. */
  readonly outcomeOverdueAt: Date | null;
  readonly rescheduleCount: number;
}

export type UpcomingHearingView = HearingView;

export interface RestitutionView {
  readonly restitutionId: string;
  readonly victimRef: string;
  readonly amount: number;
  readonly currency: Currency;
  readonly note: string | null;
  readonly orderedAt: Date;
}

export interface AppealView {
  readonly appealId: string;
  readonly chargeId: string;
  readonly by: AppealParty;
  readonly filedAt: Date;
  readonly outcome: AppealOutcome | null;
  readonly decidedAt: Date | null;
}

export interface ProsecutionDetailView extends ProsecutionSummaryView {
  readonly charges: readonly ChargeView[];
  readonly hearings: readonly HearingView[];
  readonly restitutions: readonly RestitutionView[];
  readonly appeals: readonly AppealView[];
}

/** Where a page of prosecutions resumes: after this one in the list's order. */
export interface ProsecutionListKey {
  readonly receivedAt: Date;
  readonly prosecutionId: string;
}

export interface ProsecutionListFilter {
  readonly status?: ProsecutionStatus;
  readonly jointCaseId?: string;
  /** Rows to read: a page and one more, which only tells that there is more. */
  readonly limit: number;
  readonly after?: ProsecutionListKey;
}

/** Where a page of hearings resumes: after this one, soonest first. */
export interface HearingListKey {
  readonly scheduledFor: Date;
  readonly hearingId: string;
}

/** Hearings not yet held up to `until`: those whose date passed with no outcome recorded come first. */
export interface UpcomingHearingsFilter {
  readonly until: Date;
  readonly limit: number;
  readonly after?: HearingListKey;
}

export interface ProsecutionReadModel {
  /** The office's prosecutions, most recently received first (ties by prosecution id). */
  list(officeAgencyId: string, filter: ProsecutionListFilter): Promise<ProsecutionSummaryView[]>;
  byId(prosecutionId: string): Promise<ProsecutionDetailView | undefined>;
  /** Every office's prosecutions of one joint case, in the order the case files were received. */
  ofJointCase(jointCaseId: string): Promise<ProsecutionSummaryView[]>;
  /** Hearings not yet held, scheduled in [from, until], of the office's open prosecutions, soonest first. */
  upcomingHearings(officeAgencyId: string, filter: UpcomingHearingsFilter): Promise<UpcomingHearingView[]>;
}

export const PROSECUTION_READ_MODEL = Symbol.for('pamoja.prosecutions.ReadModel');
