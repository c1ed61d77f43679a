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

/** Mine-site provinces, as the first part of a site code: North Kivu, South Kivu. */
export const SITE_PROVINCES = ['NK', 'SK'] as const;
export type SiteProvince = (typeof SITE_PROVINCES)[number];

/** The sort key of the investigations list: open (0) before closed (1), most recently active, then id (unique). */
export type InvestigationListKey = readonly [rank: number, lastActivityAt: Date, investigationId: string];

/** The sort key of the case-file lists: soonest due first, then investigation and case file (unique). */
export type CaseFileListKey = readonly [dueBy: Date, investigationId: string, caseFileId: string];

export interface InvestigationListFilter {
  readonly status?: InvestigationStatus;
  readonly offence?: SuspectedOffence;
  readonly siteCode?: string;
  /** The site code's first part (NK, SK). */
  readonly province?: SiteProvince;
  /** The site code's middle part, e.g. MAS for Masisi. */
  readonly territory?: string;
  /** Rows wanted; the read model returns one more when there are more. */
  readonly first: number;
  /** The sort key of the last row of the page before. */
  readonly after?: InvestigationListKey;
}

export interface CaseFileListFilter {
  readonly status?: CaseFileStatus;
  /** True: only case files unacknowledged after their due time; false: only the others. */
  readonly overdue?: boolean;
  readonly first: number;
  readonly after?: CaseFileListKey;
  readonly now: Date;
}

export interface InvestigationReadModel {
  /** Investigations led by the agency, open first, then most recently active; `first + 1` at most. */
  forAgency(agencyId: string, filter: InvestigationListFilter): Promise<InvestigationSummaryView[]>;
  /** Every investigation of a joint case, oldest first, whichever agency leads it. */
  byJointCase(jointCaseId: string): Promise<InvestigationSummaryView[]>;
  /** With personal data unmasked: the query handler decides what the reader sees. */
  byId(investigationId: string, now: Date): Promise<InvestigationView | undefined>;
  /** Case files sent or addressed to the agency, still unacknowledged after their due time, oldest due first. */
  overdueCaseFiles(agencyId: string, filter: CaseFileListFilter): Promise<CaseFileTransmissionView[]>;
  /**
   * The prosecutor's office's queue: case files sent to it, soonest due first; not yet acknowledged ones
   * unless the filter names a status.
   */
  incomingCaseFiles(agencyId: string, filter: CaseFileListFilter): Promise<CaseFileTransmissionView[]>;
}

export function investigationKey(view: InvestigationSummaryView): InvestigationListKey {
  return [view.status === 'open' ? 0 : 1, view.lastActivityAt, view.investigationId];
}

export function caseFileKey(view: CaseFileTransmissionView): CaseFileListKey {
  return [view.dueBy, view.investigationId, view.caseFileId];
}

export const INVESTIGATION_READ_MODEL = Symbol.for('pamoja.investigations.ReadModel');
