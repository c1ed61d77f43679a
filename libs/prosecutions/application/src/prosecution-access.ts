import { type Actor } from '@pamoja/contracts';

/**
 * Who reads a joint case's prosecutions (its charges, hearings and verdicts): the police who investigate,
 * the prosecutors' offices and the coordination body; every other agency reads none. A prosecution names
 * its suspects by id and case-file role only, never by name (their personal data stays with the police's
 * investigation). The one place this is decided; the access-policy issue replaces it.
 */
export function readsJointCaseProsecutions(actor: Actor): boolean {
  return actor.agencyType === 'police' || actor.agencyType === 'prosecutor' || actor.agencyType === 'coordination_body';
}
