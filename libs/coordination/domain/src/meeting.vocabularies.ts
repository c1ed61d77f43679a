import { AGENCY_TYPES, type AgencyType, isOneOf } from '@pamoja/contracts';

/**
 * Vocabulary of coordination meetings. A meeting covers a province (NK North Kivu, SK South Kivu), or one
 * mine site of it. The province ids are the site-code prefixes of the mine-site registry, so a site's
 * province reads straight off its code (`NK-MAS-014` is in NK).
 */
export const MEETING_PROVINCES = ['NK', 'SK'] as const;
export type MeetingProvince = (typeof MEETING_PROVINCES)[number];

export function isMeetingProvince(value: unknown): value is MeetingProvince {
  return isOneOf(MEETING_PROVINCES, value);
}

/**
 * The language a meeting is held and minuted in: French (the DRC's official language, the default),
 * Swahili (spoken across the Kivus) or English (for international partners).
 */
export const MEETING_LANGUAGES = ['fr', 'sw', 'en'] as const;
export type MeetingLanguage = (typeof MEETING_LANGUAGES)[number];

export function isMeetingLanguage(value: unknown): value is MeetingLanguage {
  return isOneOf(MEETING_LANGUAGES, value);
}

/** Mine-site registry codes: province, three letters, three digits (the sites context's format). */
export const MEETING_SITE_CODE_PATTERN = /^(NK|SK)-[A-Z]{3}-\d{3}$/;

/** The province of a registry code, or null when the text is not a registry code. */
export function provinceOfSiteCode(code: string): MeetingProvince | null {
  const match = MEETING_SITE_CODE_PATTERN.exec(code);
  return match ? (match[1] as MeetingProvince) : null;
}

/** Agencies that take part in meetings and own action points: every agency type except integrators. */
export const MEETING_AGENCY_TYPES = AGENCY_TYPES.filter(
  (type): type is Exclude<AgencyType, 'integrator'> => type !== 'integrator',
);
export type MeetingAgencyType = (typeof MEETING_AGENCY_TYPES)[number];

export function isMeetingAgencyType(value: unknown): value is MeetingAgencyType {
  return isOneOf(MEETING_AGENCY_TYPES, value);
}

/** The agency type that runs meetings and records what they decide. */
export const COORDINATION_AGENCY_TYPE = 'coordination_body' satisfies AgencyType;

export const MEETING_LIMITS = {
  maxTitleLength: 200,
  maxTextLength: 4000,
  maxMinutesLength: 20000,
  maxAgencyIdLength: 100,
  maxParticipants: 50,
  /** A meeting already held may be recorded up to this many days later. */
  maxDaysInPast: 30,
  maxDaysAhead: 365,
  /** How far ahead of the meeting the agenda lists hearings. */
  hearingWindowDays: 14,
  /** The window of the first meeting of a province or site, which has no previous meeting. */
  firstMeetingLookbackDays: 30,
  maxActionPointDueDays: 365,
} as const;
