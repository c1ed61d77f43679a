import { ROLES } from '@pamoja/contracts';

/**
 * The platform's role vocabulary (`ROLES` of the contracts, which says which agency type may hold which),
 * as realm roles of the reference provider (infra/keycloak) name them: a role a provider puts in a token
 * outside it (Keycloak adds `offline_access`, `uma_authorization`, `default-roles-<realm>`) is dropped.
 */
export const ROLE_VOCABULARY: readonly string[] = ROLES;

export function isKnownRole(role: string): boolean {
  return ROLE_VOCABULARY.includes(role);
}
