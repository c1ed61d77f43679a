import { isOneOf, type Province } from '@pamoja/contracts';

/**
 * Vocabularies of the sites context. Ids are stable snake_case strings: they are stored in events,
 * so a label may be translated (French, Swahili, Lingala) but an id is never renamed.
 */

/**
 * ICGLR Regional Certification Mechanism site status. Green: may trade. Yellow: remediation period.
 * Red: suspended (at least 6 months). Blue (2nd edition): temporary, not yet verified by an inspection.
 */
export const MINE_SITE_STATUSES = ['blue', 'green', 'yellow', 'red'] as const;
export type MineSiteStatus = (typeof MINE_SITE_STATUSES)[number];

export function isMineSiteStatus(value: unknown): value is MineSiteStatus {
  return isOneOf(MINE_SITE_STATUSES, value);
}

/** What an inspection may recommend: blue means "not yet verified", which an inspection ends. */
export const RECOMMENDABLE_SITE_STATUSES = ['green', 'yellow', 'red'] as const satisfies readonly MineSiteStatus[];
export type RecommendableSiteStatus = (typeof RECOMMENDABLE_SITE_STATUSES)[number];

export function isRecommendableSiteStatus(value: unknown): value is RecommendableSiteStatus {
  return isOneOf(RECOMMENDABLE_SITE_STATUSES, value);
}

/** The 3T minerals (tin, tantalum, tungsten) and gold. */
export const MINERALS = ['cassiterite', 'coltan', 'wolframite', 'gold'] as const;
export type Mineral = (typeof MINERALS)[number];

export function isMineral(value: unknown): value is Mineral {
  return isOneOf(MINERALS, value);
}

// The provinces and territories are the shared kernel's (the agency directory uses them too).
export {
  PROVINCES,
  type Province,
  isProvince,
  TERRITORIES_BY_PROVINCE,
  TERRITORIES,
  type Territory,
  isTerritory,
  isTerritoryOf,
} from '@pamoja/contracts';

/** Site codes: province (NK North Kivu, SK South Kivu), three letters, three digits, e.g. `NK-MAS-014`. */
export const MINE_SITE_CODE_PATTERN = /^(NK|SK)-[A-Z]{3}-\d{3}$/;

export const PROVINCE_CODE_PREFIX = { north_kivu: 'NK', south_kivu: 'SK' } as const satisfies Record<Province, string>;

export function isMineSiteCode(value: unknown): value is string {
  return typeof value === 'string' && MINE_SITE_CODE_PATTERN.test(value);
}

/** Who brought an incident to light (ITSCI-style incident reporting channels). */
export const INCIDENT_SOURCES = ['field_agent', 'whistle_blower', 'civil_society', 'sms'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

export function isIncidentSource(value: unknown): value is IncidentSource {
  return isOneOf(INCIDENT_SOURCES, value);
}

/**
 * Incident levels: 1 is the most serious (an OECD Annex II grade abuse such as forced labour or the worst
 * forms of child labour, which may lead buyers to disengage), 3 the least.
 */
export const INCIDENT_LEVELS = [1, 2, 3] as const;
export type IncidentLevel = (typeof INCIDENT_LEVELS)[number];

export function isIncidentLevel(value: unknown): value is IncidentLevel {
  return isOneOf(INCIDENT_LEVELS, value);
}

export const SITES_LIMITS = {
  maxTextLength: 2000,
  maxNameLength: 200,
  maxAgencyNameLength: 200,
  maxIndicators: 30,
  maxIndicatorLength: 100,
  /**
   * Yellow remediation period. Sources disagree on 3 or 6 months (ICGLR RCM manual vs. later practice);
   * we take the longer one as the ceiling so a legitimate 6-month plan is never refused, and the
   * authority may always set a shorter deadline.
   */
  maxRemediationMonths: 6,
  /** ITSCI-style incidents may stay open up to 6 months: after that an open incident is overdue. */
  incidentOpenMonths: 6,
  /** Roughly the Kivus: keeps a swapped latitude/longitude or a sign error from placing a site elsewhere. */
  latitude: { min: -5, max: 1 },
  longitude: { min: 26, max: 30 },
} as const;

/** Adds calendar months in UTC, clamping to the month's last day (31 August + 6 months = 28/29 February). */
export function addUtcMonths(instant: Date, months: number): Date {
  const result = new Date(instant.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

/**
 * ICGLR identification numbers of mine sites. The ICGLR's mine-site data model (MD.01, `icglrId`) defines it
 * as a unique combination of digits and letters of the standard Latin alphabet, generated when the site
 * enters the regional database (after the joint validation), and fixes no length: 4 to 40 is a bound of
 * ours against typing slips, not a rule of the ICGLR.
 */
export const ICGLR_ID_PATTERN = /^[A-Za-z0-9]{4,40}$/;

export function isIcglrId(value: unknown): value is string {
  return typeof value === 'string' && ICGLR_ID_PATTERN.test(value);
}

/**
 * The risks of the OECD Due Diligence Guidance's Annex II (Model Supply Chain Policy) an incident may be
 * classified under, by paragraph: the serious abuses of paragraph 1 one by one (forced labour and the worst
 * forms of child labour are what this platform's cases are about), then support to non-state armed groups
 * (3), public or private security forces (5), bribery and fraudulent misrepresentation of origin (11), money
 * laundering (13) and taxes, fees and royalties (15). `other`: an incident that is none of these.
 */
export const ANNEX_II_CATEGORIES = [
  'torture_cruel_inhuman_treatment',
  'forced_labour',
  'worst_forms_of_child_labour',
  'gross_human_rights_violations',
  'war_crimes_crimes_against_humanity',
  'non_state_armed_groups',
  'public_private_security_forces',
  'bribery_fraudulent_misrepresentation',
  'money_laundering',
  'taxes_fees_royalties',
  'other',
] as const;
export type AnnexIICategory = (typeof ANNEX_II_CATEGORIES)[number];

/** The paragraph of Annex II each category stands for (`null`: not an Annex II risk). */
export const ANNEX_II_PARAGRAPHS: Readonly<Record<AnnexIICategory, string | null>> = {
  torture_cruel_inhuman_treatment: '1(i)',
  forced_labour: '1(ii)',
  worst_forms_of_child_labour: '1(iii)',
  gross_human_rights_violations: '1(iv)',
  war_crimes_crimes_against_humanity: '1(v)',
  non_state_armed_groups: '3',
  public_private_security_forces: '5',
  bribery_fraudulent_misrepresentation: '11',
  money_laundering: '13',
  taxes_fees_royalties: '15',
  other: null,
};

export function isAnnexIICategory(value: unknown): value is AnnexIICategory {
  return isOneOf(ANNEX_II_CATEGORIES, value);
}
