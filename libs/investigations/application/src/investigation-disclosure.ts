import { type Actor } from '@pamoja/contracts';

export type InvestigationReader = Pick<Actor, 'agencyId' | 'agencyType'>;

const SEES_INVESTIGATIONS_OF_A_JOINT_CASE: ReadonlySet<string> = new Set(['police', 'prosecutor', 'coordination_body']);

/**
 * Who sees the investigations of a joint case (their summary, never suspects' personal data): the police,
 * the prosecutors who take the case files on, and the coordination body. Other agencies see none. The one
 * place this is decided, until the access policy (agency type, role, purpose and consent) replaces it.
 */
export function investigationsOfJointCaseDisclosedTo(reader: InvestigationReader): boolean {
  return SEES_INVESTIGATIONS_OF_A_JOINT_CASE.has(reader.agencyType);
}
