import { type Actor, type AgencyType, type FieldProblem, type Text, type Unparsed } from '@pamoja/contracts';
import { type ConsentTerms } from './consent.js';
import {
  type ChildLabourFlag,
  type ForcedLabourIndicator,
  type JointCaseLink,
  type ReferralUrgency,
} from './indicators.js';
import { type ReferralSubject } from './referral.events.js';
import { type ExploitationPurpose, type TraffickingAct, type TraffickingMeans } from './trafficking-screening.js';

/**
 * Commands as the decider receives them: parsed at the edge (`parseReferralCommand`), so free text is
 * trimmed `Text` within its limit, vocabularies are known, ids are present and blanks are absent. A client
 * sends the `Unparsed` form (`SentReferralCommand`).
 */

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
    /** A blank person id is absent: the referral introduces the person. */
    readonly subject: ReferralSubject;
    /** Consent given when the referral is made; required for an adult referred to the police. */
    readonly consent?: ReferralConsentGrant | null;
    /** A registered site's code, or an unregistered site described in words; blanks are absent. */
    readonly site: { readonly code: string | null; readonly description: Text | null };
    readonly indicators: readonly ForcedLabourIndicator[];
    readonly childLabourFlags: readonly ChildLabourFlag[];
    readonly urgency: ReferralUrgency;
    readonly toAgencyId: string;
    readonly toAgencyType: AgencyType;
    /** The date by which the receiving agency must accept or decline. */
    readonly dueBy: Date;
    /** Free text describing the situation, trimmed; must not name or describe a person (re-identification risk). */
    readonly summary: string;
  }
>;

/** Consent as a command carries it: the id is made by the caller so that a retry records the same consent. */
export interface ReferralConsentGrant extends ConsentTerms {
  readonly consentId: string;
}

export type AcceptReferral = Command<'AcceptReferral', { readonly referralId: string; readonly note?: Text | null }>;
export type DeclineReferral = Command<'DeclineReferral', { readonly referralId: string; readonly reason: Text }>;
export type RevokeReferral = Command<'RevokeReferral', { readonly referralId: string; readonly reason: Text }>;
export type CompleteReferral = Command<'CompleteReferral', { readonly referralId: string; readonly outcome: Text }>;

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

/**
 * Input parsed at the edge whose problems the decider tells only after its own refusals: to an agency
 * that may not act at all, the refusal comes first and says nothing about what it sent.
 */
export interface HeldProblems<T> {
  readonly value: T;
  readonly problems: readonly FieldProblem[];
}

/** The consent's terms are told faulty only to the agency that keeps the person's consent. */
export type RecordConsent = Command<
  'RecordConsent',
  { readonly referralId: string; readonly consent: HeldProblems<ReferralConsentGrant> }
>;

export type WithdrawConsent = Command<
  'WithdrawConsent',
  { readonly referralId: string; readonly consentId: string; readonly reason?: Text | null }
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

/** Consent recorded on a referral, as a client sends it: the terms beside the referral's id. */
export type SentRecordConsent = Command<'RecordConsent', { readonly referralId: string } & ReferralConsentGrant>;

/** A command as a client sends it: plain strings, vocabularies unchecked, blanks as sent. */
export type SentReferralCommand = Unparsed<Exclude<ReferralCommand, RecordConsent>> | SentRecordConsent;

/** The sent form of one kind of command. */
export type SentReferral<TType extends ReferralCommand['type']> = Extract<SentReferralCommand, { type: TType }>;
