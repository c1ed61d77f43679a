import type {
  MineSiteMineral,
  MineSiteProvince,
  MineSiteRecommendedStatus,
  MineSiteStatus,
  MineSiteTerritory,
  SiteIncidentSource,
} from '../../gql/graphql';

/** The ICGLR statuses, the most serious first: how the registry and the map list them. */
export const SITE_STATUSES: readonly MineSiteStatus[] = ['RED', 'YELLOW', 'GREEN', 'BLUE'];
/** What an inspection may recommend: it ends the unverified BLUE status. */
export const RECOMMENDED_STATUSES: readonly MineSiteRecommendedStatus[] = ['GREEN', 'YELLOW', 'RED'];
/** What the mining authority may change a verified site to (BLUE is only a new site's). */
export const STATUS_TARGETS: readonly Exclude<MineSiteStatus, 'BLUE'>[] = ['GREEN', 'YELLOW', 'RED'];
export const PROVINCES: readonly MineSiteProvince[] = ['NORTH_KIVU', 'SOUTH_KIVU'];
export const MINERALS: readonly MineSiteMineral[] = ['CASSITERITE', 'COLTAN', 'GOLD', 'WOLFRAMITE'];
export const INCIDENT_SOURCES: readonly SiteIncidentSource[] = [
  'FIELD_AGENT',
  'WHISTLE_BLOWER',
  'CIVIL_SOCIETY',
  'SMS',
];
/** OECD Annex II grading: 1 is the most serious (forced labour, the worst forms of child labour). */
export const INCIDENT_LEVELS = ['1', '2', '3'] as const;
export type IncidentLevelChoice = (typeof INCIDENT_LEVELS)[number];

export const TERRITORIES_BY_PROVINCE: Readonly<Record<MineSiteProvince, readonly MineSiteTerritory[]>> = {
  NORTH_KIVU: ['BENI', 'LUBERO', 'MASISI', 'NYIRAGONGO', 'RUTSHURU', 'WALIKALE'],
  SOUTH_KIVU: ['FIZI', 'IDJWI', 'KABARE', 'KALEHE', 'MWENGA', 'SHABUNDA', 'UVIRA', 'WALUNGU'],
};

/** The registry code's province prefix (NK-MAS-014 is in North Kivu). */
export const CODE_PREFIX: Readonly<Record<MineSiteProvince, string>> = { NORTH_KIVU: 'NK', SOUTH_KIVU: 'SK' };
export const SITE_CODE = /^(NK|SK)-[A-Z]{3}-\d{3}$/;

/** What the API accepts for a site's place: roughly the Kivus. */
export const LATITUDE = { min: -5, max: 1 } as const;
export const LONGITUDE = { min: 26, max: 30 } as const;
export const MAX_TEXT = 2000;
export const MAX_NAME = 200;
/** The longest remediation period the API accepts for a YELLOW status. */
export const MAX_REMEDIATION_MONTHS = 6;

/** Who may do what at a site (the access policy): the status is the mining authority's decision. */
export const mayChangeStatus = (agencyType: string | undefined) => agencyType === 'mining_authority';
export const mayGradeIncidents = (agencyType: string | undefined) =>
  agencyType === 'mining_authority' || agencyType === 'police';
