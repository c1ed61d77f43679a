import {
  type CaseFileStatus,
  type ClosureReason,
  type Custodian,
  type EvidenceKind,
  type InvestigationStatus,
  type SuspectedOffence,
  type SuspectRole,
} from '@pamoja/investigations/domain';

/** An investigation as its list shows it: what it is about and how far it has got. */
export interface InvestigationSummaryView {
  readonly investigationId: string;
  readonly jointCaseId: string;
  readonly referralId: string | null;
  readonly siteCode: string | null;
  readonly offences: readonly SuspectedOffence[];
  readonly leadAgencyId: string;
  readonly leadOfficerId: string;
  readonly status: InvestigationStatus;
  readonly openedAt: Date;
  readonly closedAt: Date | null;
  readonly closureReason: ClosureReason | null;
  readonly closureNote: string | null;
  readonly evidenceCount: number;
  readonly suspectCount: number;
  readonly arrestCount: number;
  readonly caseFileCount: number;
  readonly lastActivityAt: Date;
  readonly revision: number;
}

/** One link of an evidence item's custody chain; the first link (collection) has no giver. */
export interface CustodyLinkView {
  readonly from: Custodian | null;
  readonly to: Custodian;
  readonly at: Date;
  readonly reason: string | null;
}

export interface EvidenceView {
  readonly evidenceId: string;
  readonly description: string;
  readonly kind: EvidenceKind;
  readonly sha256: string;
  readonly collectedAt: Date;
  readonly collectedBy: string;
  readonly custodian: Custodian;
  /** Oldest first, starting with the collection. */
  readonly custodyChain: readonly CustodyLinkView[];
}

export interface SuspectView {
  readonly suspectId: string;
  readonly role: SuspectRole;
  readonly alias: string | null;
  readonly description: string | null;
  /** Personal data: null unless the reader may see it (see mayReadSuspectPersonalData). */
  readonly name: string | null;
  readonly dateOfBirth: string | null;
  readonly identifiedAt: Date;
}

export interface ArrestView {
  readonly suspectId: string;
  readonly arrestedAt: Date;
  readonly location: string;
  readonly legalBasis: string;
}

export interface CaseFileTransmissionView {
  readonly investigationId: string;
  readonly jointCaseId: string;
  readonly caseFileId: string;
  readonly fromAgencyId: string;
  readonly toProsecutorOfficeId: string;
  readonly transmittedAt: Date;
  readonly dueBy: Date;
  readonly summary: string;
  readonly evidenceIds: readonly string[];
  readonly suspectIds: readonly string[];
  readonly status: CaseFileStatus;
  /** Unacknowledged after its due time, computed when read. */
  readonly overdue: boolean;
  readonly acknowledgedAt: Date | null;
  readonly acknowledgedByAgencyId: string | null;
  readonly deadlineMissedAt: Date | null;
  readonly escalatedTo: string | null;
}

export interface InvestigationView extends InvestigationSummaryView {
  readonly evidence: readonly EvidenceView[];
  readonly suspects: readonly SuspectView[];
  readonly arrests: readonly ArrestView[];
  readonly caseFiles: readonly CaseFileTransmissionView[];
}

export interface InvestigationListFilter {
  readonly status?: InvestigationStatus;
  readonly offence?: SuspectedOffence;
  readonly limit: number;
}

export interface InvestigationReadModel {
  /** Investigations led by the agency, most recently active first. */
  forAgency(agencyId: string, filter: InvestigationListFilter): Promise<InvestigationSummaryView[]>;
  /** With personal data unmasked: the query handler decides what the reader sees. */
  byId(investigationId: string, now: Date): Promise<InvestigationView | undefined>;
  /** Case files sent or addressed to the agency, still unacknowledged after their due time, oldest due first. */
  overdueCaseFiles(agencyId: string, now: Date, limit: number): Promise<CaseFileTransmissionView[]>;
  /** The prosecutor's office's queue: case files sent to it and not yet acknowledged, soonest due first. */
  incomingCaseFiles(agencyId: string, now: Date, limit: number): Promise<CaseFileTransmissionView[]>;
}

export const INVESTIGATION_READ_MODEL = Symbol.for('pamoja.investigations.ReadModel');
