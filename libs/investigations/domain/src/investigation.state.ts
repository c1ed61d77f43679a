import { type Custodian } from './investigation.events.js';
import { type CaseFileStatus, type InvestigationStatus } from './vocabularies.js';

export interface NoInvestigation {
  readonly status: 'none';
}

export interface EvidenceState {
  readonly custodian: Custodian;
  /** ISO-8601 UTC: since when the current custodian holds it; a transfer cannot predate it. */
  readonly since: string;
}

export interface CaseFileState {
  readonly toProsecutorOfficeId: string;
  readonly transmittedAt: string;
  readonly dueBy: string;
  readonly acknowledged: boolean;
  readonly deadlineMissed: boolean;
}

/** Only what decisions need; read models keep the rest. */
export interface ExistingInvestigation {
  readonly status: InvestigationStatus;
  readonly investigationId: string;
  /** Every event of the investigation is tagged with it. */
  readonly jointCaseId: string;
  readonly leadAgencyId: string;
  readonly evidence: Readonly<Record<string, EvidenceState>>;
  readonly suspectIds: readonly string[];
  /** Suspects whose personal data was erased: erasing again changes nothing. */
  readonly erasedSuspectIds: readonly string[];
  readonly caseFiles: Readonly<Record<string, CaseFileState>>;
}

export type InvestigationState = NoInvestigation | ExistingInvestigation;

export const NO_INVESTIGATION: NoInvestigation = Object.freeze({ status: 'none' });

export function caseFileStatus(caseFile: Pick<CaseFileState, 'acknowledged' | 'deadlineMissed'>): CaseFileStatus {
  if (caseFile.acknowledged) return 'acknowledged';
  return caseFile.deadlineMissed ? 'deadline_missed' : 'awaiting_acknowledgement';
}

/**
 * A transmitted case file is overdue while the prosecutor's office has not acknowledged it after `dueBy`,
 * whether or not the miss was already escalated: it stays a lost handoff until someone acknowledges it.
 */
export function isCaseFileOverdue(caseFile: Pick<CaseFileState, 'acknowledged' | 'dueBy'>, now: Date): boolean {
  return !caseFile.acknowledged && now.getTime() > Date.parse(caseFile.dueBy);
}
