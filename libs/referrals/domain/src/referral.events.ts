import { type AgencyType, type DomainEvent } from '@pamoja/contracts';
import { type ConsentGiver, type ConsentMethod, type ConsentPurpose } from './consent.js';
import {
  type ChildLabourFlag,
  type ForcedLabourIndicator,
  type JointCaseLink,
  type ReferralUrgency,
} from './indicators.js';
import {
  type ExploitationPurpose,
  type ScreeningResult,
  type TraffickingAct,
  type TraffickingMeans,
} from './trafficking-screening.js';

// Event data is plain JSON: instants are ISO-8601 UTC strings, absent values are null (never undefined),
// so that an event reads back from the store exactly as it was decided.
// Who acted (the user) travels in the envelope metadata; data names only agencies.

export interface ReferralSite {
  /** Registry code such as `NK-MAS-014`, or null when the site is not registered yet. */
  readonly code: string | null;
  /** Where the site is, for unregistered sites; never names a person. */
  readonly description: string | null;
}

/** The person the referral is about, without anything that identifies them. */
export interface ReferralSubject {
  /** Under 18; null when not known (no documents, age not yet assessed). */
  readonly isChild: boolean | null;
  /**
   * The person: a pseudonymous id, never anything that identifies them. A referral that introduces the
   * person (its sender met them) derives it from the referral's id; one that forwards a known person names
   * theirs. Absent from events recorded before persons had ids: read as introduced by the referral.
   */
  readonly personId?: string | null;
}

/**
 * Version 2 added `jointCase`, `subject` and `childProtectionBasis`; version 1 events are upcast by the
 * store as it reads them (`REFERRAL_UPCASTERS`), before the decider or a projection sees them.
 */
export interface ReferralSubmitted extends DomainEvent<
  'ReferralSubmitted',
  {
    readonly referralId: string;
    readonly jointCaseId: string | null;
    readonly jointCase: JointCaseLink;
    readonly subject: ReferralSubject;
    /** A child referred to the police on child-protection grounds: no consent of the child was needed. */
    readonly childProtectionBasis: boolean;
    readonly site: ReferralSite;
    readonly indicators: readonly ForcedLabourIndicator[];
    readonly childLabourFlags: readonly ChildLabourFlag[];
    readonly urgency: ReferralUrgency;
    readonly fromAgencyId: string;
    readonly fromAgencyType: AgencyType;
    readonly toAgencyId: string;
    readonly toAgencyType: AgencyType;
    readonly submittedAt: string;
    readonly dueBy: string;
    readonly summary: string;
  }
> {
  readonly schemaVersion: 2;
}

export interface ReferralAccepted extends DomainEvent<
  'ReferralAccepted',
  {
    readonly referralId: string;
    readonly byAgencyId: string;
    readonly acceptedAt: string;
    readonly note: string | null;
  }
> {
  readonly schemaVersion: 1;
}

export interface ReferralDeclined extends DomainEvent<
  'ReferralDeclined',
  { readonly referralId: string; readonly byAgencyId: string; readonly declinedAt: string; readonly reason: string }
> {
  readonly schemaVersion: 1;
}

export interface ReferralRevoked extends DomainEvent<
  'ReferralRevoked',
  { readonly referralId: string; readonly byAgencyId: string; readonly revokedAt: string; readonly reason: string }
> {
  readonly schemaVersion: 1;
}

export interface ReferralCompleted extends DomainEvent<
  'ReferralCompleted',
  { readonly referralId: string; readonly byAgencyId: string; readonly completedAt: string; readonly outcome: string }
> {
  readonly schemaVersion: 1;
}

export interface TraffickingScreeningAssessed extends DomainEvent<
  'TraffickingScreeningAssessed',
  {
    readonly referralId: string;
    readonly acts: readonly TraffickingAct[];
    readonly means: readonly TraffickingMeans[];
    readonly purposes: readonly ExploitationPurpose[];
    readonly personIsChild: boolean;
    /** False for a child (Palermo Protocol art. 3(c)). */
    readonly meansRequired: boolean;
    readonly result: ScreeningResult;
    readonly explanation: string;
    readonly assessedAt: string;
    readonly byAgencyId: string;
  }
> {
  readonly schemaVersion: 1;
}

export interface ConsentRecorded extends DomainEvent<
  'ConsentRecorded',
  {
    readonly referralId: string;
    readonly consentId: string;
    /** Whose consent: the referral's person (absent in events recorded before persons had ids). */
    readonly personId?: string;
    readonly givenBy: ConsentGiver;
    readonly method?: ConsentMethod | null;
    readonly formSha256?: string | null;
    readonly agencyTypes: readonly AgencyType[];
    readonly purposes: readonly ConsentPurpose[];
    readonly recordedAt: string;
    readonly byAgencyId: string;
  }
> {
  readonly schemaVersion: 1;
}

export interface ConsentWithdrawn extends DomainEvent<
  'ConsentWithdrawn',
  {
    readonly referralId: string;
    readonly consentId: string;
    readonly personId?: string;
    readonly withdrawnAt: string;
    readonly byAgencyId: string;
    readonly reason: string | null;
  }
> {
  readonly schemaVersion: 1;
}

/** The receiving agency let the due time pass without an answer; the coordination body takes it up. */
export interface ReferralDeadlineMissed extends DomainEvent<
  'ReferralDeadlineMissed',
  {
    readonly referralId: string;
    readonly dueBy: string;
    readonly missedAt: string;
    readonly toAgencyId: string;
    readonly escalatedTo: 'coordination_body';
  }
> {
  readonly schemaVersion: 1;
}

export type ReferralEvent =
  | ReferralSubmitted
  | ReferralAccepted
  | ReferralDeclined
  | ReferralRevoked
  | ReferralCompleted
  | TraffickingScreeningAssessed
  | ConsentRecorded
  | ConsentWithdrawn
  | ReferralDeadlineMissed;
export type ReferralEventType = ReferralEvent['type'];

export const REFERRAL_EVENT_TYPES = [
  'ReferralSubmitted',
  'ReferralAccepted',
  'ReferralDeclined',
  'ReferralRevoked',
  'ReferralCompleted',
  'TraffickingScreeningAssessed',
  'ConsentRecorded',
  'ConsentWithdrawn',
  'ReferralDeadlineMissed',
] as const satisfies readonly ReferralEventType[];

// Fails to compile if an event type is added to the union but not to the list above.
const _allEventTypesListed: ReferralEventType extends (typeof REFERRAL_EVENT_TYPES)[number] ? true : never = true;

/** Narrows by type name only: it does not validate the data (upcasting happens before the domain sees it). */
export function isReferralEvent<T extends { readonly type: string }>(event: T): event is T & ReferralEvent {
  return (REFERRAL_EVENT_TYPES as readonly string[]).includes(event.type);
}
