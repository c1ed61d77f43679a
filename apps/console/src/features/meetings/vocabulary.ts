import type { AgencyType, MeetingLanguage, MeetingProvince } from '../../gql/graphql';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../../i18n/catalogue';

export const PROVINCES: readonly MeetingProvince[] = ['NK', 'SK'];

/** A mine site's registry code: province, territory, three digits (NK-MAS-014). */
export const SITE_CODE = /^(NK|SK)-[A-Z]{3}-\d{3}$/;

export const MAX_TITLE = 200;
export const MAX_TEXT = 4000;
export const MAX_MINUTES = 20000;

/** `POLICE` → the shared catalogue's `agencyType.police`. */
export const agencyTypeKey = (type: string) => `agencyType.${type.toLowerCase()}`;

/** The languages a meeting is held (and its minutes written) in. */
export const MEETING_LANGUAGES: readonly MeetingLanguage[] = ['FR', 'SW', 'EN'];

/** Agency types that take part in meetings and own action points (an integrator does not). */
export const MEETING_AGENCY_TYPES: readonly AgencyType[] = [
  'COORDINATION_BODY',
  'FIRST_RESPONDER',
  'POLICE',
  'PROSECUTOR',
  'ASSISTANCE_PROVIDER',
  'MINING_AUTHORITY',
];

/** The meeting's language as the console's catalogues name it (FR → fr); French when it is not one of them. */
export function languageOfMeeting(meeting: { readonly language: MeetingLanguage }): Language {
  const language = meeting.language.toLowerCase();
  return isLanguage(language) ? language : DEFAULT_LANGUAGE;
}
