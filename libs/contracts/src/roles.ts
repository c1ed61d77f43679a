import { type AgencyType } from './actor.js';

/**
 * The roles a person may hold, per agency type: a closed vocabulary. A token's role outside its agency's
 * vocabulary is ignored; a development token asking for one is refused. What each may do is in
 * docs/roles.md (and, for reads, in the access policy, docs/access-policy.md).
 */
export const ROLES_BY_AGENCY_TYPE = {
  first_responder: ['field_worker', 'supervisor', 'auditor'],
  police: ['investigator', 'officer', 'commander', 'auditor'],
  prosecutor: ['prosecutor', 'supervising_prosecutor', 'magistrate', 'clerk', 'auditor'],
  assistance_provider: ['case_worker', 'supervisor', 'auditor'],
  mining_authority: ['inspector', 'supervisor', 'auditor'],
  coordination_body: ['coordinator', 'secretariat', 'chair', 'auditor'],
  integrator: ['integrator'],
} as const satisfies Record<AgencyType, readonly string[]>;

export type Role = (typeof ROLES_BY_AGENCY_TYPE)[AgencyType][number];

/** Every role of the vocabulary, once. */
export const ROLES: readonly Role[] = [...new Set(Object.values(ROLES_BY_AGENCY_TYPE).flat())];

export function isRoleOf(agencyType: AgencyType, role: unknown): role is Role {
  return typeof role === 'string' && (ROLES_BY_AGENCY_TYPE[agencyType] as readonly string[]).includes(role);
}
