import { type AgencyType, type LogPosition } from '@pamoja/contracts';
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
  /** The person referred (pseudonymous id). */
  readonly subjectPersonId: string;
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
  /**
   * Where the submission stands in the log: the order in which the receiving agency got its referrals
   * (`referralReceived`). Null only for a row projected before this was recorded, until a rebuild.
   */
  readonly receivedAt: LogPosition | null;
}

/** Mine-site provinces, as the first part of a site code: North Kivu, South Kivu. */
export const SITE_PROVINCES = ['NK', 'SK'] as const;
export type SiteProvince = (typeof SITE_PROVINCES)[number];

/** The sort key of `incoming`: pending (0) or answered (1), urgency rank, due time, id. */
export type IncomingReferralKey = readonly [pending: number, urgencyRank: number, dueBy: Date, referralId: string];

/** The sort key of `outgoing`: submission time, id. */
export type OutgoingReferralKey = readonly [submittedAt: Date, referralId: string];

/** A list's filter and page; `TKey` is the list's sort key, as a cursor holds it (none: the first page). */
export interface ReferralListFilter<TKey = never> {
  readonly status?: ReferralStatus;
  /** True: only referrals still unanswered after their due time; false: only the others. */
  readonly overdue?: boolean;
  readonly siteCode?: string;
  /** The site code's first part (NK, SK). */
  readonly province?: SiteProvince;
  /** The site code's middle part, e.g. MAS for Masisi. */
  readonly territory?: string;
  /** Rows wanted; the read model returns one more when there are more. */
  readonly first: number;
  /** The sort key of the last row of the page before. */
  readonly after?: TKey;
  readonly now: Date;
}

/** Which referrals a dashboard counts: submitted in the period, at sites of the province, sent or received by. */
export interface HandoffScope {
  /** Referrals this agency sent or received; every referral when null (the coordination body). */
  readonly agencyId: string | null;
  /** `NK` or `SK`: referrals naming a site with this code prefix; every referral when null. */
  readonly sitePrefix: string | null;
  readonly submittedFrom: Date | null;
  readonly submittedBefore: Date | null;
  /** What is overdue is judged at this instant. */
  readonly now: Date;
}

/** The handoffs of a dashboard: how many, how they were answered, and how long acceptance took. */
export interface HandoffStatisticsView {
  readonly submitted: number;
  readonly accepted: number;
  readonly declined: number;
  /** Still waiting for the receiving agency's answer. */
  readonly open: number;
  /** Still waiting after their due time. */
  readonly overdue: number;
  /** Hours from submission to acceptance, over the referrals accepted; null when none was. */
  readonly acceptHoursMedian: number | null;
  readonly acceptHoursP90: number | null;
  /** The receiving agencies of overdue referrals, the most overdue first. */
  readonly overdueByAgency: readonly { readonly agencyId: string; readonly overdue: number }[];
}

export interface ReferralReadModel {
  handoffStatistics(scope: HandoffScope): Promise<HandoffStatisticsView>;
  /** Referrals sent to the agency, pending first, then most urgent and soonest due; `first + 1` at most. */
  incoming(agencyId: string, filter: ReferralListFilter<IncomingReferralKey>): Promise<ReferralView[]>;
  /** Referrals the agency sent, newest first; `first + 1` at most. */
  outgoing(agencyId: string, filter: ReferralListFilter<OutgoingReferralKey>): Promise<ReferralView[]>;
  byId(referralId: string, now: Date): Promise<ReferralView | undefined>;
  /** Every referral of a joint case, oldest first, whoever sent or received it. */
  byJointCase(jointCaseId: string, now: Date): Promise<ReferralView[]>;
  /** Referrals sent to the agency after a log position, in the order they were submitted. */
  receivedAfter(agencyId: string, after: LogPosition, limit: number, now: Date): Promise<ReferralView[]>;
  /** The log position of the last referral sent to the agency; the log's start when there is none. */
  lastReceived(agencyId: string): Promise<LogPosition>;
}

/** The sort key of `incoming`: pending first, then urgency, due time and id (unique). */
export function incomingReferralKey(view: ReferralView): IncomingReferralKey {
  return [view.status === 'submitted' ? 0 : 1, URGENCY_RANK[view.urgency], view.dueBy, view.referralId];
}

/** The sort key of `outgoing`: newest first, then id (unique). */
export function outgoingReferralKey(view: ReferralView): OutgoingReferralKey {
  return [view.submittedAt, view.referralId];
}

/** Most urgent first: danger to life, then urgent, then routine. */
export const URGENCY_RANK: Readonly<Record<ReferralUrgency, number>> = { immediate: 0, urgent: 1, routine: 2 };

export const REFERRAL_READ_MODEL = Symbol.for('pamoja.referrals.ReadModel');
