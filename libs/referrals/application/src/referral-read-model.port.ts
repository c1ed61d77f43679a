import { type AgencyType } from '@pamoja/contracts';
import {
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

/** The latest trafficking screening of the referral. */
export interface ReferralScreeningView {
  readonly result: ScreeningResult;
  readonly meansRequired: boolean;
  readonly explanation: string;
  readonly acts: readonly TraffickingAct[];
  readonly means: readonly TraffickingMeans[];
  readonly purposes: readonly ExploitationPurpose[];
  readonly personIsChild: boolean;
  readonly assessedAt: Date;
  readonly byAgencyId: string;
}

export interface ReferralConsentRecordView {
  readonly consentId: string;
  readonly givenBy: ConsentGiver;
  readonly agencyTypes: readonly AgencyType[];
  readonly purposes: readonly ConsentPurpose[];
  readonly recordedAt: Date;
  readonly withdrawnAt: Date | null;
}

/** What the person agreed to, as it stands now. */
export interface ReferralConsentView {
  /** At least one consent is in force. */
  readonly active: boolean;
  /** Kinds of agency and purposes covered by the consents in force (each listed once). */
  readonly agencyTypes: readonly AgencyType[];
  readonly purposes: readonly ConsentPurpose[];
  /** At least one consent was withdrawn: agencies must check before acting on the case. */
  readonly withdrawn: boolean;
  /** Every consent recorded, oldest first, withdrawn ones included. */
  readonly records: readonly ReferralConsentRecordView[];
}

/** A referral as the agencies on either side of the handoff see it. */
export interface ReferralView {
  readonly referralId: string;
  readonly jointCaseId: string | null;
  /** Null only for a row projected before this was recorded; a rebuild of the read model fills it in. */
  readonly jointCase: JointCaseLink | null;
  readonly subjectIsChild: boolean | null;
  readonly childProtectionBasis: boolean;
  readonly siteCode: string | null;
  readonly siteDescription: string | null;
  readonly indicators: readonly ForcedLabourIndicator[];
  readonly childLabourFlags: readonly ChildLabourFlag[];
  readonly urgency: ReferralUrgency;
  readonly fromAgencyId: string;
  readonly fromAgencyType: AgencyType;
  readonly toAgencyId: string;
  readonly toAgencyType: AgencyType;
  readonly status: ReferralStatus;
  readonly summary: string;
  readonly submittedAt: Date;
  readonly dueBy: Date;
  /** Still unanswered by the receiving agency after its due time. */
  readonly overdue: boolean;
  /** The missed deadline was recorded and escalated to the coordination body. */
  readonly deadlineMissed: boolean;
  readonly screening: ReferralScreeningView | null;
  readonly consent: ReferralConsentView;
  readonly answeredAt: Date | null;
  readonly closedAt: Date | null;
  /** Why it was declined or revoked, or the outcome when completed. */
  readonly statusReason: string | null;
  readonly revision: number;
  readonly updatedAt: Date;
}

export interface ReferralListFilter {
  readonly status?: ReferralStatus;
  readonly overdueOnly?: boolean;
  readonly limit: number;
  readonly now: Date;
}

export interface ReferralReadModel {
  /** Referrals sent to the agency, most urgent and oldest-due first. */
  incoming(agencyId: string, filter: ReferralListFilter): Promise<ReferralView[]>;
  /** Referrals the agency sent, newest first. */
  outgoing(agencyId: string, filter: ReferralListFilter): Promise<ReferralView[]>;
  byId(referralId: string, now: Date): Promise<ReferralView | undefined>;
}

export const REFERRAL_READ_MODEL = Symbol.for('pamoja.referrals.ReadModel');
