/**
 * The platform's role vocabulary, as realm roles of the reference provider (infra/keycloak) and as the
 * access policy reads them: a role a provider puts in a token outside this list (Keycloak adds
 * `offline_access`, `uma_authorization`, `default-roles-<realm>`) is dropped. Which roles each agency
 * type may hold is the agency directory's to decide.
 */
export const ROLE_VOCABULARY = [
  'field_worker',
  'supervisor',
  'auditor',
  'investigator',
  'officer',
  'commander',
  'prosecutor',
  'supervising_prosecutor',
  'magistrate',
  'clerk',
  'case_worker',
  'inspector',
  'coordinator',
  'secretariat',
  'chair',
  'integrator',
] as const;

export function isKnownRole(role: string): boolean {
  return (ROLE_VOCABULARY as readonly string[]).includes(role);
}
