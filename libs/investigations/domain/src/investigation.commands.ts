import { type Actor } from '@pamoja/contracts';
import { type Custodian, type SuspectPersonalData } from './investigation.events.js';
import {
  type ClosureReason,
  type ErasureReason,
  type EvidenceKind,
  type SuspectedOffence,
  type SuspectRole,
} from './vocabulary.js';

/** The actor comes from the verified token; `now` from the application's clock, so the domain stays pure. */
export interface InvestigationCommandMetadata {
  readonly actor: Actor;
  readonly now: Date;
}

interface Command<TType extends string, TData> {
  readonly type: TType;
  readonly data: TData;
  readonly metadata: InvestigationCommandMetadata;
}

export type OpenInvestigation = Command<
  'OpenInvestigation',
  {
    readonly investigationId: string;
    readonly jointCaseId: string;
    readonly referralId: string | null;
    readonly siteCode: string | null;
    readonly offences: readonly SuspectedOffence[];
    readonly leadOfficerId: string;
  }
>;

export type RecordEvidence = Command<
  'RecordEvidence',
  {
    readonly investigationId: string;
    readonly evidenceId: string;
    readonly description: string;
    readonly kind: EvidenceKind;
    readonly sha256: string;
    readonly collectedAt: Date;
    /** The collecting officer; the custodian is this officer in the actor's agency. */
    readonly collectedBy: string;
  }
>;

export type RecordCustodyTransfer = Command<
  'RecordCustodyTransfer',
  {
    readonly investigationId: string;
    readonly evidenceId: string;
    readonly from: Custodian;
    readonly to: Custodian;
    readonly at: Date;
    readonly reason: string;
  }
>;

export type IdentifySuspect = Command<
  'IdentifySuspect',
  {
    readonly investigationId: string;
    readonly suspectId: string;
    readonly role: SuspectRole;
    readonly alias: string | null;
    readonly description: string | null;
    readonly personal: SuspectPersonalData;
  }
>;

export type RecordArrest = Command<
  'RecordArrest',
  {
    readonly investigationId: string;
    readonly suspectId: string;
    readonly arrestedAt: Date;
    readonly location: string;
    readonly legalBasis: string;
  }
>;

export type TransmitCaseFile = Command<
  'TransmitCaseFile',
  {
    readonly investigationId: string;
    readonly caseFileId: string;
    readonly toProsecutorOfficeId: string;
    /** When the prosecutor's office must have acknowledged receipt. */
    readonly dueBy: Date;
    readonly summary: string;
    readonly evidenceIds: readonly string[];
    readonly suspectIds: readonly string[];
  }
>;

/** Sent by the platform's deadline watcher, not by a person. */
export type RecordCaseFileDeadlineMissed = Command<
  'RecordCaseFileDeadlineMissed',
  { readonly investigationId: string; readonly caseFileId: string }
>;

/** Sent by the platform when the prosecutions context reports that the office received the case file. */
export type RecordCaseFileAcknowledged = Command<
  'RecordCaseFileAcknowledged',
  {
    readonly investigationId: string;
    readonly caseFileId: string;
    readonly acknowledgedAt: Date;
    readonly byAgencyId: string;
  }
>;

export type CloseInvestigation = Command<
  'CloseInvestigation',
  { readonly investigationId: string; readonly reason: ClosureReason; readonly note: string | null }
>;

/** Erases a suspect's personal data (crypto-shredding); allowed on a closed investigation too. */
export type EraseSuspectPersonalData = Command<
  'EraseSuspectPersonalData',
  { readonly investigationId: string; readonly suspectId: string; readonly reason: ErasureReason }
>;

export type InvestigationCommand =
  | EraseSuspectPersonalData
  | OpenInvestigation
  | RecordEvidence
  | RecordCustodyTransfer
  | IdentifySuspect
  | RecordArrest
  | TransmitCaseFile
  | RecordCaseFileDeadlineMissed
  | RecordCaseFileAcknowledged
  | CloseInvestigation;
