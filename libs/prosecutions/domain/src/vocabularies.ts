import { isOneOf } from '@pamoja/contracts';

/**
 * Vocabularies of the prosecutions context. Ids are stable snake_case strings: they are stored in events,
 * so a label may be translated (French, Swahili, Lingala) but an id is never renamed.
 */

/**
 * What a suspect is charged with. The DRC law of 26 October 2022 amending the penal code covers
 * trafficking in persons, forced labour and the recruitment of children by armed groups; `other`
 * keeps a charge under another article recordable rather than mislabelled (trafficking recorded as
 * another crime is a known failure of such systems, so the legal basis is always written out too).
 */
export const PROSECUTION_OFFENCES = [
  'trafficking_in_persons',
  'forced_labour',
  'child_labour_worst_forms',
  'child_recruitment_by_armed_group',
  'sexual_exploitation',
  'other',
] as const;
export type ProsecutionOffence = (typeof PROSECUTION_OFFENCES)[number];
export const isProsecutionOffence = (value: unknown): value is ProsecutionOffence =>
  isOneOf(PROSECUTION_OFFENCES, value);

/** The disposition of one charge (NIEM Justice: disposition). */
export const VERDICTS = ['convicted', 'acquitted', 'dismissed'] as const;
export type Verdict = (typeof VERDICTS)[number];
export const isVerdict = (value: unknown): value is Verdict => isOneOf(VERDICTS, value);

/** Who appeals: the Parquet, the accused, or the victims constituted as civil party (partie civile). */
export const APPEAL_PARTIES = ['prosecution', 'defence', 'civil_party'] as const;
export type AppealParty = (typeof APPEAL_PARTIES)[number];
export const isAppealParty = (value: unknown): value is AppealParty => isOneOf(APPEAL_PARTIES, value);

/**
 * How the appeal court disposed of an appeal: it confirmed the verdict (upheld), reversed it (overturned),
 * changed the sentence or the qualification (varied), declared the appeal inadmissible, or the appellant
 * withdrew it (désistement).
 */
export const APPEAL_OUTCOMES = ['upheld', 'overturned', 'varied', 'inadmissible', 'withdrawn'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

export const CLOSE_REASONS = ['adjudicated', 'withdrawn', 'transferred', 'other'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];
export const isCloseReason = (value: unknown): value is CloseReason => isOneOf(CLOSE_REASONS, value);

/** Congolese franc and US dollar: both circulate in the Kivus. */
export const CURRENCIES = ['CDF', 'USD'] as const;
export type Currency = (typeof CURRENCIES)[number];
export const isCurrency = (value: unknown): value is Currency => isOneOf(CURRENCIES, value);

export const PROSECUTION_STATUSES = ['case_file_received', 'charged', 'in_trial', 'adjudicated', 'closed'] as const;
export type ProsecutionStatus = (typeof PROSECUTION_STATUSES)[number];
export const isProsecutionStatus = (value: unknown): value is ProsecutionStatus => isOneOf(PROSECUTION_STATUSES, value);

/**
 * A victim is referred to by an opaque reference issued elsewhere (e.g. the assistance context), never
 * by name: no spaces, so a name typed into the field is refused rather than stored in the log forever.
 */
export const VICTIM_REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
export const isVictimRef = (value: unknown): value is string =>
  typeof value === 'string' && VICTIM_REF_PATTERN.test(value);

/**
 * Where a prosecution stands, from what has happened to it; shared by the decider and the read model so
 * both always agree. A hearing before any charge (e.g. on detention) does not make it a trial.
 */
export function prosecutionStatus(counts: {
  readonly closed: boolean;
  readonly charges: number;
  readonly verdicts: number;
  readonly hearings: number;
}): ProsecutionStatus {
  if (counts.closed) return 'closed';
  if (counts.charges === 0) return 'case_file_received';
  if (counts.verdicts >= counts.charges) return 'adjudicated';
  return counts.hearings > 0 ? 'in_trial' : 'charged';
}
