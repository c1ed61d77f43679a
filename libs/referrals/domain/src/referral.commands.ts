import { type Actor, type AgencyType } from '@pamoja/contracts';
import { type ChildLabourFlag, type ForcedLabourIndicator, type ReferralUrgency } from './indicators.js';
import { type ReferralSite } from './referral.events.js';

/** The actor comes from the verified token; `now` from the application's clock, so the domain stays pure. */
export interface ReferralCommandMetadata {
  readonly actor: Actor;
  readonly now: Date;
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

export type AcceptReferral = Command<'AcceptReferral', { readonly referralId: string; readonly note?: string }>;
export type DeclineReferral = Command<'DeclineReferral', { readonly referralId: string; readonly reason: string }>;
export type RevokeReferral = Command<'RevokeReferral', { readonly referralId: string; readonly reason: string }>;
export type CompleteReferral = Command<'CompleteReferral', { readonly referralId: string; readonly outcome: string }>;

export type ReferralCommand = SubmitReferral | AcceptReferral | DeclineReferral | RevokeReferral | CompleteReferral;
