import type {
  ConsoleInvestigationQuery,
  InvestigationClosureReason,
  InvestigationEvidenceKind,
  InvestigationOffence,
  InvestigationSuspectRole,
} from '../../gql/graphql';

/**
 * The investigation's vocabularies, in the order a person reads them (names from the catalogue,
 * `investigations.offence.<ID>` and so on), and the limits the API checks (libs/investigations/domain:
 * investigation.parse.ts and investigation.decider.ts), checked here first so a refusal is rare.
 */

export type InvestigationData = ConsoleInvestigationQuery['investigation'];
export type EvidenceData = InvestigationData['evidence'][number];
export type SuspectData = InvestigationData['suspects'][number];

export const OFFENCES: readonly InvestigationOffence[] = [
  'FORCED_LABOUR',
  'TRAFFICKING_IN_PERSONS',
  'CHILD_LABOUR',
  'CHILD_RECRUITMENT_BY_ARMED_GROUP',
  'SEXUAL_EXPLOITATION',
];

export const EVIDENCE_KINDS: readonly InvestigationEvidenceKind[] = [
  'DOCUMENT',
  'PHOTO',
  'VIDEO',
  'AUDIO',
  'DIGITAL',
  'TESTIMONY_RECORD',
  'PHYSICAL',
];

export const SUSPECT_ROLES: readonly InvestigationSuspectRole[] = [
  'RECRUITER',
  'TRANSPORTER',
  'HARBOURER',
  'EXPLOITER',
  'FINANCIER',
  'OTHER',
];

export const CLOSURE_REASONS: readonly InvestigationClosureReason[] = [
  'TRANSMITTED_TO_PROSECUTOR',
  'INSUFFICIENT_EVIDENCE',
  'VICTIM_WITHDREW',
  'MERGED',
  'OTHER',
];

export const LIMITS = {
  maxText: 2000,
  maxShortText: 200,
  /** The prosecutor's office must acknowledge a case file within this many days at most. */
  maxAcknowledgementDays: 30,
  /** The acknowledgement time the transmit form proposes. */
  defaultAcknowledgementDays: 7,
} as const;

export const SHA256 = /^[0-9a-f]{64}$/;
export const SITE_CODE = /^(NK|SK)-[A-Z]{3}-\d{3}$/;
export const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Agencies whose people read suspects' personal data (the access policy's field rule). */
export const PERSONAL_DATA_READERS: readonly string[] = ['police', 'prosecutor'];

/** How a suspect is named in a sentence or a list: alias, else name, else the start of the id. */
export function suspectLabel(suspect: Pick<SuspectData, 'alias' | 'name' | 'suspectId'>): string {
  return suspect.alias ?? suspect.name ?? suspect.suspectId.slice(0, 8);
}
