import { type Actor, type Text, type Unparsed } from '@pamoja/contracts';
import { type Custodian } from './investigation.events.js';
import {
  type ClosureReason,
  type ErasureReason,
  type EvidenceKind,
  type SuspectedOffence,
  type SuspectRole,
} from './vocabularies.js';

/**
 * Commands as the decider receives them: parsed at the edge (`parseInvestigationCommand`), so free text is
 * trimmed `Text` within its limit, vocabularies are known, dates are valid. A client sends the `Unparsed`
 * form (`SentInvestigationCommand`).
 */

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
    readonly referralId: Text | null;
    readonly siteCode: Text | null;
    readonly offences: readonly SuspectedOffence[];
    readonly leadOfficerId: Text;
  }
>;

export type RecordEvidence = Command<
  'RecordEvidence',
  {
    readonly investigationId: string;
    readonly evidenceId: string;
    readonly description: Text;
    readonly kind: EvidenceKind;
    readonly sha256: string;
    readonly collectedAt: Date;
    /** The collecting officer; the custodian is this officer in the actor's agency. */
    readonly collectedBy: Text;
  }
>;

/**
 * Checked by the decider, not at the edge: whether `at` is acceptable depends on the custody chain so far,
 * and its problems are named together with the others.
 */
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

/** A suspect's name and date of birth (YYYY-MM-DD), parsed. */
export interface ParsedPersonalData {
  readonly name: Text | null;
  readonly dateOfBirth: Text | null;
}

export type IdentifySuspect = Command<
  'IdentifySuspect',
  {
    readonly investigationId: string;
    readonly suspectId: string;
    readonly role: SuspectRole;
    readonly alias: Text | null;
    readonly description: Text | null;
    readonly personal: ParsedPersonalData;
  }
>;

export type RecordArrest = Command<
  'RecordArrest',
  {
    readonly investigationId: string;
    readonly suspectId: string;
    readonly arrestedAt: Date;
    readonly location: Text;
    readonly legalBasis: Text;
  }
>;

/**
 * Checked by the decider, not at the edge: a case file needs an identified suspect before anything about
 * its input matters, and its problems (the recipient, the due time, the lists) are named together.
 */
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
  { readonly investigationId: string; readonly reason: ClosureReason; readonly note: Text | null }
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

/** An investigation command as a client (or the platform) sends it, before `parseInvestigationCommand`. */
export type SentInvestigationCommand = Unparsed<InvestigationCommand>;
