import { type AgencyType } from '@pamoja/contracts';
import {
  type ChildLabourFlag,
  type ForcedLabourIndicator,
  type ReferralStatus,
  type ReferralUrgency,
} from '@pamoja/referrals/domain';

/** A referral as the agencies on either side of the handoff see it. */
export interface ReferralView {
  readonly referralId: string;
  readonly jointCaseId: string | null;
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
