import { type DomainEvent } from '@pamoja/contracts';
import {
  type AgeGroup,
  type AssistanceCloseReason,
  type AssistanceNeed,
  type ConsentGivenBy,
  type ErasureReason,
  type FormOfExploitation,
  type NeedPriority,
  type ProtectionMeasureKind,
  type ServiceKind,
  type Sex,
} from './vocabularies.js';

// Event data is plain JSON: instants are ISO-8601 UTC strings, absent values are null (never undefined).
// Who acted (the user) travels in the envelope metadata; data names only agencies.

/**
 * PERSONAL DATA of the victim (HTCDS prs_ fields that identify a person). Kept apart from every other
 * field on purpose: the access-policy issue encrypts this sub-object with a key per person (so that
 * erasing the key erases the person), and it must never reach the shared log, integrators or any
 * other agency in clear. Until then only the assisting agency reads it back, through its read model.
 */
export interface VictimPersonalData {
  readonly fullName: string;
  /** `YYYY-MM-DD`. */
  readonly dateOfBirth: string | null;
  readonly phone: string | null;
  /** Where the person can be found now; the most dangerous field if it leaks. */
  readonly currentLocation: string | null;
}

export interface VictimRegistered extends DomainEvent<
  'VictimRegistered',
  {
    readonly assistanceId: string;
    readonly jointCaseId: string;
    /**
     * The person (pseudonymous id, as their referral names them): whose consent extends this case to other
     * parties, and whose consent the assisting agency keeps from now on. Absent before persons had ids.
     */
    readonly personId?: string | null;
    readonly assistingAgencyId: string;
    readonly registeredAt: string;
    // Non-personal, coarse fields: safe to aggregate (but still rare combinations; see k-anonymity).
    readonly ageGroup: AgeGroup;
    /** Child-protection rules apply: a guardian or the child-protection authority consents. */
    readonly isChild: boolean;
    readonly sex: Sex;
    /** ISO 3166-1 alpha-2, or null when not known. */
    readonly nationality: string | null;
    readonly formsOfExploitation: readonly FormOfExploitation[];
    /** HTCDS AgreementToManagePersonalData: without it no personal data is recorded. */
    readonly agreementToManagePersonalData: boolean;
    readonly consentGivenBy: ConsentGivenBy;
    /** Null when the person did not agree to their personal data being managed, or gave none. */
    readonly personal: VictimPersonalData | null;
  }
> {
  readonly schemaVersion: 1;
}

export interface AssessedNeed {
  readonly need: AssistanceNeed;
  readonly priority: NeedPriority;
}

/** A (re-)assessment replaces the previous list of needs. */
export interface NeedsAssessed extends DomainEvent<
  'NeedsAssessed',
  {
    readonly assistanceId: string;
    readonly byAgencyId: string;
    readonly assessedAt: string;
    readonly needs: readonly AssessedNeed[];
  }
> {
  readonly schemaVersion: 1;
}

export interface ServiceProvided extends DomainEvent<
  'ServiceProvided',
  {
    readonly assistanceId: string;
    readonly serviceId: string;
    readonly kind: ServiceKind;
    readonly providedAt: string;
    /** Who delivered it (a partner clinic, a shelter); the assisting agency records it. */
    readonly providerAgencyId: string;
    /** Never names or describes the person. */
    readonly note: string | null;
  }
> {
  readonly schemaVersion: 1;
}

export interface ProtectionMeasureApplied extends DomainEvent<
  'ProtectionMeasureApplied',
  {
    readonly assistanceId: string;
    readonly measureId: string;
    readonly measure: ProtectionMeasureKind;
    /** Required when the measure is `other`. Never says where a safe house is. */
    readonly description: string | null;
    readonly byAgencyId: string;
    readonly appliedAt: string;
    /** When the measure must be reviewed: protection that nobody reviews lapses silently. */
    readonly reviewBy: string;
    readonly consentGivenBy: ConsentGivenBy;
  }
> {
  readonly schemaVersion: 1;
}

export interface AssistanceClosed extends DomainEvent<
  'AssistanceClosed',
  {
    readonly assistanceId: string;
    readonly byAgencyId: string;
    readonly closedAt: string;
    readonly reason: AssistanceCloseReason;
    /** Required when the reason is `other`. */
    readonly note: string | null;
  }
> {
  readonly schemaVersion: 1;
}

/**
 * The victim's personal data was erased: their key is destroyed, so `VictimRegistered.personal` reads as
 * null everywhere, and every read model drops its copy. The rest of the case stays.
 */
export interface PersonalDataErased extends DomainEvent<
  'PersonalDataErased',
  {
    readonly assistanceId: string;
    readonly jointCaseId: string;
    /** Whose key was destroyed: `victim:<assistanceId>`. */
    readonly subjectId: string;
    readonly reason: ErasureReason;
    readonly erasedAt: string;
    readonly byAgencyId: string;
  }
> {
  readonly schemaVersion: 1;
}

export type AssistanceEvent =
  VictimRegistered | NeedsAssessed | ServiceProvided | ProtectionMeasureApplied | AssistanceClosed | PersonalDataErased;
export type AssistanceEventType = AssistanceEvent['type'];

export const ASSISTANCE_EVENT_TYPES = [
  'VictimRegistered',
  'NeedsAssessed',
  'ServiceProvided',
  'ProtectionMeasureApplied',
  'AssistanceClosed',
  'PersonalDataErased',
] as const satisfies readonly AssistanceEventType[];

// Fails to compile if an event type is added to the union but not to the list above.
const _allEventTypesListed: AssistanceEventType extends (typeof ASSISTANCE_EVENT_TYPES)[number] ? true : never = true;

/** The key-store subject of a victim's personal data (names a key; not personal data itself). */
export function victimSubjectId(assistanceId: string): string {
  return `victim:${assistanceId}`;
}

/** Narrows by type name only: it does not validate the data. */
export function isAssistanceEvent<T extends { readonly type: string }>(event: T): event is T & AssistanceEvent {
  return (ASSISTANCE_EVENT_TYPES as readonly string[]).includes(event.type);
}
