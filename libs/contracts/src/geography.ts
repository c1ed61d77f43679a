import { isOneOf } from './vocabularies.js';

// Where the platform works: North and South Kivu, DR Congo (see docs/domain.md).
export const PROVINCES = ['north_kivu', 'south_kivu'] as const;
export type Province = (typeof PROVINCES)[number];

export function isProvince(value: unknown): value is Province {
  return isOneOf(PROVINCES, value);
}

/** The territories of each province; a site's territory must lie in its province. */
export const TERRITORIES_BY_PROVINCE = {
  north_kivu: ['beni', 'lubero', 'masisi', 'nyiragongo', 'rutshuru', 'walikale'],
  south_kivu: ['fizi', 'idjwi', 'kabare', 'kalehe', 'mwenga', 'shabunda', 'uvira', 'walungu'],
} as const satisfies Record<Province, readonly string[]>;

export const TERRITORIES = [...TERRITORIES_BY_PROVINCE.north_kivu, ...TERRITORIES_BY_PROVINCE.south_kivu] as const;
export type Territory = (typeof TERRITORIES)[number];

export function isTerritory(value: unknown): value is Territory {
  return isOneOf(TERRITORIES, value);
}

export function isTerritoryOf(province: Province, territory: Territory): boolean {
  return (TERRITORIES_BY_PROVINCE[province] as readonly string[]).includes(territory);
}
