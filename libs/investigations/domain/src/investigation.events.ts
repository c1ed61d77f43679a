import { type AgencyType, type DomainEvent } from '@pamoja/contracts';
import {
  type ClosureReason,
  type ErasureReason,
  type EvidenceKind,
  type SuspectedOffence,
  type SuspectRole,
} from './vocabularies.js';

// Event data is plain JSON: instants are ISO-8601 UTC strings, absent values are null (never undefined),
// so that an event reads back from the store exactly as it was decided.

/**
 * Data about an identifiable person. Kept under a `personal` key in event data so that the access policy
 * can find, encrypt and later erase it without knowing each event's shape (see PERSONAL_DATA_PATHS).
 */
export type Personal<T> = Readonly<T> & { readonly __personalData?: never };

/** Who holds an evidence item: an agency and one of its officers (ids, not names). */
export interface Custodian {
  readonly agencyId: string;
  readonly officerId: string;
}

export interface InvestigationOpened extends DomainEvent<
  'InvestigationOpened',
  {
    readonly investigationId: string;
    readonly jointCaseId: string;
    /** The accepted referral the investigation answers, or null when the police opened it on their own. */
    readonly referralId: string | null;
    readonly siteCode: string | null;
    readonly offences: readonly SuspectedOffence[];
    readonly leadAgencyId: string;
    readonly leadAgencyType: AgencyType;
    readonly leadOfficerId: string;
    readonly openedAt: string;
  }
> {
  readonly schemaVersion: 1;
}

export interface EvidenceRecorded extends DomainEvent<
  'EvidenceRecorded',
  {
    readonly investigationId: string;
    readonly evidenceId: string;
    readonly description: string;
    readonly kind: EvidenceKind;
    /** Lower-case hex SHA-256 of the item (or of its digital copy): proves it was not altered since. */
    readonly sha256: string;
    readonly collectedAt: string;
    readonly collectedBy: string;
    /** The first link of the custody chain: the collecting agency and officer. */
    readonly custodian: Custodian;
  }
> {
  readonly schemaVersion: 1;
}

export interface EvidenceCustodyTransferred extends DomainEvent<
  'EvidenceCustodyTransferred',
  {
    readonly investigationId: string;
    readonly evidenceId: string;
    readonly from: Custodian;
    readonly to: Custodian;
    readonly at: string;
    readonly reason: string;
  }
> {
  readonly schemaVersion: 1;
}

export interface SuspectPersonalData {
  readonly name: string | null;
  /** A calendar date, YYYY-MM-DD. */
  readonly dateOfBirth: string | null;
}

export interface SuspectIdentified extends DomainEvent<
  'SuspectIdentified',
  {
    readonly investigationId: string;
    readonly suspectId: string;
    readonly role: SuspectRole;
    /** Encrypted with the suspect's key like `personal`: an alias identifies a person as well as a name. */
    readonly alias: string | null;
    /** Encrypted with the suspect's key like `personal`. */
    readonly description: string | null;
    /** Null once the suspect's personal data was erased (the key is destroyed). */
    readonly personal: Personal<SuspectPersonalData> | null;
    readonly identifiedAt: string;
  }
> {
  readonly schemaVersion: 1;
}

export interface ArrestMade extends DomainEvent<
  'ArrestMade',
  {
    readonly investigationId: string;
    readonly suspectId: string;
    readonly arrestedAt: string;
    readonly location: string;
    /** The legal ground, e.g. the warrant or the flagrante delicto article. */
    readonly legalBasis: string;
  }
> {
  readonly schemaVersion: 1;
}

export interface CaseFileTransmitted extends DomainEvent<
  'CaseFileTransmitted',
  {
    readonly investigationId: string;
    readonly caseFileId: string;
    readonly fromAgencyId: string;
    readonly toProsecutorOfficeId: string;
    readonly toAgencyType: 'prosecutor';
    readonly transmittedAt: string;
    /** When the prosecutor's office must have acknowledged receipt. */
    readonly dueBy: string;
    readonly summary: string;
    readonly evidenceIds: readonly string[];
    readonly suspectIds: readonly string[];
  }
> {
  readonly schemaVersion: 1;
}

export interface CaseFileAcknowledgementDeadlineMissed extends DomainEvent<
  'CaseFileAcknowledgementDeadlineMissed',
  {
    readonly investigationId: string;
    readonly caseFileId: string;
    readonly dueBy: string;
    readonly recordedAt: string;
    readonly escalatedTo: 'coordination_body';
  }
> {
  readonly schemaVersion: 1;
}

export interface CaseFileAcknowledgementRecorded extends DomainEvent<
  'CaseFileAcknowledgementRecorded',
  {
    readonly investigationId: string;
    readonly caseFileId: string;
    readonly acknowledgedAt: string;
    readonly byAgencyId: string;
  }
> {
  readonly schemaVersion: 1;
}

export interface InvestigationClosed extends DomainEvent<
  'InvestigationClosed',
  {
    readonly investigationId: string;
    readonly reason: ClosureReason;
    readonly note: string | null;
    readonly closedAt: string;
  }
> {
  readonly schemaVersion: 1;
}

/**
 * A suspect's personal data (name, date of birth, alias, description) was erased: their key is destroyed,
 * the fields read as null everywhere and read models drop their copies. The suspect id and role stay.
 */
export interface SuspectPersonalDataErased extends DomainEvent<
  'SuspectPersonalDataErased',
  {
    readonly investigationId: string;
    readonly jointCaseId: string;
    readonly suspectId: string;
    /** Whose key was destroyed: `suspect:<investigationId>:<suspectId>`. */
    readonly subjectId: string;
    readonly reason: ErasureReason;
    readonly erasedAt: string;
    readonly byAgencyId: string;
  }
> {
  readonly schemaVersion: 1;
}

export type InvestigationEvent =
  | SuspectPersonalDataErased
  | InvestigationOpened
  | EvidenceRecorded
  | EvidenceCustodyTransferred
  | SuspectIdentified
  | ArrestMade
  | CaseFileTransmitted
  | CaseFileAcknowledgementDeadlineMissed
  | CaseFileAcknowledgementRecorded
  | InvestigationClosed;
export type InvestigationEventType = InvestigationEvent['type'];

export const INVESTIGATION_EVENT_TYPES = [
  'InvestigationOpened',
  'EvidenceRecorded',
  'EvidenceCustodyTransferred',
  'SuspectIdentified',
  'ArrestMade',
  'CaseFileTransmitted',
  'CaseFileAcknowledgementDeadlineMissed',
  'CaseFileAcknowledgementRecorded',
  'InvestigationClosed',
  'SuspectPersonalDataErased',
] as const satisfies readonly InvestigationEventType[];

// Fails to compile if an event type is added to the union but not to the list above.
const _allEventTypesListed: InvestigationEventType extends (typeof INVESTIGATION_EVENT_TYPES)[number] ? true : never =
  true;

/** Where personal data sits in each event's data, for the access policy (encryption, erasure). */
export const PERSONAL_DATA_PATHS = {
  SuspectIdentified: ['personal', 'alias', 'description'],
} as const satisfies Partial<Record<InvestigationEventType, readonly string[]>>;

/** The key-store subject of a suspect's personal data (names a key; not personal data itself). */
export function suspectSubjectId(investigationId: string, suspectId: string): string {
  return `suspect:${investigationId}:${suspectId}`;
}

/** Narrows by type name only: it does not validate the data (upcasting happens before the domain sees it). */
export function isInvestigationEvent<T extends { readonly type: string }>(event: T): event is T & InvestigationEvent {
  return (INVESTIGATION_EVENT_TYPES as readonly string[]).includes(event.type);
}
