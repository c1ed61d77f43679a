import { type AgencyType } from '@pamoja/contracts';
import { type ConsentTerms } from './consent.js';
import { type ReferralStatus, type ReferralUrgency } from './indicators.js';

export interface NoReferral {
  readonly status: 'none';
}

/** Only what decisions need; read models keep the rest. */
export interface ExistingReferral {
  readonly status: ReferralStatus;
  readonly referralId: string;
  /** The joint case this referral belongs to: every later event of the referral is tagged with it. */
  readonly jointCaseId: string | null;
  readonly fromAgencyId: string;
  readonly toAgencyId: string;
  readonly toAgencyType: AgencyType;
  readonly urgency: ReferralUrgency;
  /** ISO-8601 UTC. */
  readonly dueBy: string;
  /** Null when not known: only a known child is referred to the police without their own consent. */
  readonly subjectIsChild: boolean | null;
  /** The person the referral is about (pseudonymous id). */
  readonly personId: string;
  /** The referral introduced the person: its sender met them, and keeps their consent. */
  readonly introducedPerson: boolean;
  /** Every consent recorded, withdrawn ones kept (flagged) so that a second withdrawal can be told apart. */
  readonly consents: readonly KnownConsent[];
  /** Recorded once at most: the coordination body is alerted once per referral. */
  readonly deadlineMissed: boolean;
}

export interface KnownConsent extends ConsentTerms {
  readonly consentId: string;
  readonly withdrawn: boolean;
}

export type ReferralState = NoReferral | ExistingReferral;

export const NO_REFERRAL: NoReferral = Object.freeze({ status: 'none' });

/**
 * A referral is overdue while the receiving agency has neither accepted nor declined it after `dueBy`:
 * unanswered referrals are what such systems lose, so this is what reminders and escalation watch.
 * Takes a projection row as well as the decider's state.
 */
export function isOverdue(
  referral: { readonly status: ReferralStatus | 'none'; readonly dueBy?: string | Date },
  now: Date,
): boolean {
  if (referral.status !== 'submitted' || referral.dueBy === undefined) return false;
  const dueBy = referral.dueBy instanceof Date ? referral.dueBy.getTime() : Date.parse(referral.dueBy);
  return now.getTime() > dueBy;
}
