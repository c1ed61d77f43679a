import { type AgencyType, type DomainEvent } from '@pamoja/contracts';
import { type ChildLabourFlag, type ForcedLabourIndicator, type ReferralUrgency } from './indicators.js';

// Event data is plain JSON: instants are ISO-8601 UTC strings, absent values are null (never undefined),
// so that an event reads back from the store exactly as it was decided.
// Who acted (the user) travels in the envelope metadata; data names only agencies.

export interface ReferralSite {
  /** Registry code such as `NK-MAS-014`, or null when the site is not registered yet. */
  readonly code: string | null;
  /** Where the site is, for unregistered sites; never names a person. */
  readonly description: string | null;
}

export interface ReferralSubmitted extends DomainEvent<
  'ReferralSubmitted',
  {
    readonly referralId: string;
    readonly jointCaseId: string | null;
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
  readonly schemaVersion: 1;
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

export type ReferralEvent =
  ReferralSubmitted | ReferralAccepted | ReferralDeclined | ReferralRevoked | ReferralCompleted;
export type ReferralEventType = ReferralEvent['type'];

export const REFERRAL_EVENT_TYPES = [
  'ReferralSubmitted',
  'ReferralAccepted',
  'ReferralDeclined',
  'ReferralRevoked',
  'ReferralCompleted',
] as const satisfies readonly ReferralEventType[];

// Fails to compile if an event type is added to the union but not to the list above.
const _allEventTypesListed: ReferralEventType extends (typeof REFERRAL_EVENT_TYPES)[number] ? true : never = true;

/** Narrows by type name only: it does not validate the data (upcasting happens before the domain sees it). */
export function isReferralEvent<T extends { readonly type: string }>(event: T): event is T & ReferralEvent {
  return (REFERRAL_EVENT_TYPES as readonly string[]).includes(event.type);
}
