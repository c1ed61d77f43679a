import { isOneOf } from '@pamoja/contracts';

/**
 * Vocabularies of the assistance context, after the IOM Human Trafficking Case Data Standard (HTCDS):
 * person (prs_), victim context (vic_) and consent (AgreementToManagePersonalData). Ids are stable
 * snake_case strings stored in events: a label may be translated, an id is never renamed.
 */

/**
 * Age bands rather than an age: fewer distinct values on the shared log lowers the re-identification
 * risk. 15 is the ILO C138 minimum working age; under 18 is a child (Palermo Protocol art. 3(d)).
 */
export const AGE_GROUPS = ['child_under_15', 'child_15_17', 'adult', 'unknown'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];
export const isAgeGroup = (value: unknown): value is AgeGroup => isOneOf(AGE_GROUPS, value);

export function isChildAgeGroup(ageGroup: AgeGroup): boolean {
  return ageGroup === 'child_under_15' || ageGroup === 'child_15_17';
}

export const SEXES = ['female', 'male', 'other', 'undisclosed'] as const;
export type Sex = (typeof SEXES)[number];
export const isSex = (value: unknown): value is Sex => isOneOf(SEXES, value);

export const FORMS_OF_EXPLOITATION = [
  'forced_labour',
  'child_labour',
  'sexual_exploitation',
  'armed_group_association',
  'domestic_servitude',
  'other',
] as const;
export type FormOfExploitation = (typeof FORMS_OF_EXPLOITATION)[number];
export const isFormOfExploitation = (value: unknown): value is FormOfExploitation =>
  isOneOf(FORMS_OF_EXPLOITATION, value);

/**
 * Who agreed. An adult decides for themselves; for a child a guardian or the child-protection
 * authority (Division des Affaires Sociales) decides, so protection never waits on a child's consent.
 */
export const CONSENT_GIVERS = ['self', 'guardian', 'child_protection_authority'] as const;
export type ConsentGivenBy = (typeof CONSENT_GIVERS)[number];
export const isConsentGivenBy = (value: unknown): value is ConsentGivenBy => isOneOf(CONSENT_GIVERS, value);

export const ASSISTANCE_NEEDS = [
  'shelter',
  'medical',
  'psychosocial',
  'legal_aid',
  'family_tracing',
  'reintegration',
  'education',
  'protection',
] as const;
export type AssistanceNeed = (typeof ASSISTANCE_NEEDS)[number];
export const isAssistanceNeed = (value: unknown): value is AssistanceNeed => isOneOf(ASSISTANCE_NEEDS, value);

/** Protection is met by a protection measure, not by a service. */
export const SERVICE_KINDS = [
  'shelter',
  'medical',
  'psychosocial',
  'legal_aid',
  'family_tracing',
  'reintegration',
  'education',
] as const satisfies readonly AssistanceNeed[];
export type ServiceKind = (typeof SERVICE_KINDS)[number];
export const isServiceKind = (value: unknown): value is ServiceKind => isOneOf(SERVICE_KINDS, value);

export const NEED_PRIORITIES = ['urgent', 'high', 'normal'] as const;
export type NeedPriority = (typeof NEED_PRIORITIES)[number];
export const isNeedPriority = (value: unknown): value is NeedPriority => isOneOf(NEED_PRIORITIES, value);

export const PROTECTION_MEASURES = [
  'witness_protection',
  'safe_house',
  'identity_protection',
  'relocation',
  'other',
] as const;
export type ProtectionMeasureKind = (typeof PROTECTION_MEASURES)[number];
export const isProtectionMeasureKind = (value: unknown): value is ProtectionMeasureKind =>
  isOneOf(PROTECTION_MEASURES, value);

export const CLOSE_REASONS = [
  'reintegrated',
  'transferred',
  'lost_contact',
  'declined_further_assistance',
  'deceased',
  'other',
] as const;
export type AssistanceCloseReason = (typeof CLOSE_REASONS)[number];
export const isAssistanceCloseReason = (value: unknown): value is AssistanceCloseReason =>
  isOneOf(CLOSE_REASONS, value);

export const ASSISTANCE_STATUSES = ['registered', 'assessed', 'in_assistance', 'closed'] as const;
export type AssistanceStatus = (typeof ASSISTANCE_STATUSES)[number];
export const isAssistanceStatus = (value: unknown): value is AssistanceStatus => isOneOf(ASSISTANCE_STATUSES, value);

/** ISO 3166-1 alpha-2 shape; parsing a command also checks that the region is known. */
export const NATIONALITY_PATTERN = /^[A-Z]{2}$/;

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
// CLDR knows these two-letter groupings, but they are not countries of ISO 3166-1.
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);

export function isNationality(value: unknown): value is string {
  if (typeof value !== 'string' || !NATIONALITY_PATTERN.test(value) || NOT_COUNTRIES.has(value)) return false;
  try {
    return regionNames.of(value) !== undefined;
  } catch {
    return false;
  }
}

/** A calendar date without time, as HTCDS prs_dateOfBirth: `YYYY-MM-DD`. */
export const CALENDAR_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !CALENDAR_DATE_PATTERN.test(value)) return false;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** International or local phone number: digits, spaces, an optional leading +. */
export const PHONE_PATTERN = /^\+?[0-9][0-9 ]{5,19}$/;

/** Why a person's personal data is erased: their own (or the law's) request, or the end of retention. */
export const ERASURE_REASONS = ['legal_request', 'retention_expired'] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];
export const isErasureReason = (value: unknown): value is ErasureReason => isOneOf(ERASURE_REASONS, value);
