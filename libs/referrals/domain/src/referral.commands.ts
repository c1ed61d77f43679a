import { type Actor, type AgencyType } from '@pamoja/contracts';
import { type ConsentTerms } from './consent.js';
import {
  type ChildLabourFlag,
  type ForcedLabourIndicator,
  type JointCaseLink,
  type ReferralUrgency,
} from './indicators.js';
import { type ReferralSite, type ReferralSubject } from './referral.events.js';
import { type ExploitationPurpose, type TraffickingAct, type TraffickingMeans } from './trafficking-screening.js';

/** The actor comes from the verified token; `now` from the application's clock, so the domain stays pure. */
export interface ReferralCommandMetadata {
  readonly actor: Actor;
  readonly now: Date;
  /**
   * Whether the acting agency keeps the consent of the person concerned (it met them, or holds their
   * assistance case), as the log says: looked up by the application layer, never taken from the caller.
   * Absent: it does not, unless the referral itself shows the actor met the person.
   */
  readonly keepsConsent?: boolean;
}

interface Command<TType extends string, TData> {
  readonly type: TType;
  readonly data: TData;
  readonly metadata: ReferralCommandMetadata;
}

export type SubmitReferral = Command<
  'SubmitReferral',
  {
    readonly referralId: string;
    readonly jointCaseId: string | null;
    /** `joined` when the client named an existing joint case, `opened` when the referral starts one. */
    readonly jointCase: JointCaseLink;
    readonly subject: ReferralSubject;
    /** Consent given when the referral is made; required for an adult referred to the police. */
    readonly consent?: ReferralConsentGrant | null;
    readonly site: ReferralSite;
    readonly indicators: readonly ForcedLabourIndicator[];
    readonly childLabourFlags: readonly ChildLabourFlag[];
    readonly urgency: ReferralUrgency;
    readonly toAgencyId: string;
    readonly toAgencyType: AgencyType;
    /** The date by which the receiving agency must accept or decline. */
    readonly dueBy: Date;
    /** Free text describing the situation; must not name or describe a person (re-identification risk). */
    readonly summary: string;
  }
>;

/** Consent as a command carries it: the id is made by the caller so that a retry records the same consent. */
export interface ReferralConsentGrant extends ConsentTerms {
  readonly consentId: string;
}

export type AcceptReferral = Command<'AcceptReferral', { readonly referralId: string; readonly note?: string }>;
export type DeclineReferral = Command<'DeclineReferral', { readonly referralId: string; readonly reason: string }>;
export type RevokeReferral = Command<'RevokeReferral', { readonly referralId: string; readonly reason: string }>;
export type CompleteReferral = Command<'CompleteReferral', { readonly referralId: string; readonly outcome: string }>;

export type AssessTraffickingScreening = Command<
  'AssessTraffickingScreening',
  {
    readonly referralId: string;
    readonly acts: readonly TraffickingAct[];
    readonly means: readonly TraffickingMeans[];
    readonly purposes: readonly ExploitationPurpose[];
    readonly personIsChild: boolean;
  }
>;

export type RecordConsent = Command<'RecordConsent', { readonly referralId: string } & ReferralConsentGrant>;

export type WithdrawConsent = Command<
  'WithdrawConsent',
  { readonly referralId: string; readonly consentId: string; readonly reason?: string | null }
>;

/** Sent by the platform's deadline watcher (a system actor), never by a person. */
export type RecordReferralDeadlineMissed = Command<'RecordReferralDeadlineMissed', { readonly referralId: string }>;

export type ReferralCommand =
  | SubmitReferral
  | AcceptReferral
  | DeclineReferral
  | RevokeReferral
  | CompleteReferral
  | AssessTraffickingScreening
  | RecordConsent
  | WithdrawConsent
  | RecordReferralDeadlineMissed;
