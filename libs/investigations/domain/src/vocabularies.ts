import { isOneOf } from '@pamoja/contracts';

/**
 * Vocabularies of the investigations context. Ids are stable snake_case strings: they are stored in events,
 * so a label may be translated (French, Swahili, Lingala) but an id is never renamed.
 */

/**
 * Offences under the DRC penal code as amended by the anti-trafficking law of 26 October 2022, which covers
 * forced labour and the recruitment of children by armed groups. Recorded as trafficking, not as another
 * crime: trafficking recorded as something else disappears from the statistics.
 */
export const SUSPECTED_OFFENCES = [
  'forced_labour',
  'child_labour',
  'trafficking_in_persons',
  'child_recruitment_by_armed_group',
  'sexual_exploitation',
] as const;
export type SuspectedOffence = (typeof SUSPECTED_OFFENCES)[number];
export const isSuspectedOffence = (value: unknown): value is SuspectedOffence => isOneOf(SUSPECTED_OFFENCES, value);

export const EVIDENCE_KINDS = [
  'document',
  'photo',
  'video',
  'audio',
  'physical',
  'testimony_record',
  'digital',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const isEvidenceKind = (value: unknown): value is EvidenceKind => isOneOf(EVIDENCE_KINDS, value);

/** Role in the trafficking process, after the HTCDS perpetrator context (per_) and the Palermo "act". */
export const SUSPECT_ROLES = ['recruiter', 'transporter', 'exploiter', 'harbourer', 'financier', 'other'] as const;
export type SuspectRole = (typeof SUSPECT_ROLES)[number];
export const isSuspectRole = (value: unknown): value is SuspectRole => isOneOf(SUSPECT_ROLES, value);

export const CLOSURE_REASONS = [
  'transmitted_to_prosecutor',
  'insufficient_evidence',
  'victim_withdrew',
  'merged',
  'other',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];
export const isClosureReason = (value: unknown): value is ClosureReason => isOneOf(CLOSURE_REASONS, value);

/** Why a suspect's personal data is erased: a legal request (a court order, an acquittal), or the end of retention. */
export const ERASURE_REASONS = ['legal_request', 'retention_expired'] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];
export const isErasureReason = (value: unknown): value is ErasureReason => isOneOf(ERASURE_REASONS, value);

export const INVESTIGATION_STATUSES = ['open', 'closed'] as const;
export type InvestigationStatus = (typeof INVESTIGATION_STATUSES)[number];

export const CASE_FILE_STATUSES = ['awaiting_acknowledgement', 'acknowledged', 'deadline_missed'] as const;
export type CaseFileStatus = (typeof CASE_FILE_STATUSES)[number];

/** Mine-site codes: province (NK North Kivu, SK South Kivu), territory, number, e.g. `NK-MAS-014`. */
export const SITE_CODE_PATTERN = /^(NK|SK)-[A-Z]{3}-\d{3}$/;

/** SHA-256 of the evidence item, lower-case hex: one spelling, so equal hashes compare equal as text. */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A calendar date without time (a date of birth is a day, not an instant). */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
