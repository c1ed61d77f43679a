import { type Actor } from '@pamoja/contracts';
import { type ReferralView } from './referral-read-model.port.js';

export type ReferralReader = Pick<Actor, 'agencyId' | 'agencyType'>;

/**
 * Who may see a referral: the agencies on either side of the handoff, and the coordination body, which
 * follows every joint case. Anyone else sees nothing of it, not even that it exists. The one place this
 * is decided, until the access policy (agency type, role, purpose and consent) replaces it.
 */
export function referralDisclosedTo(
  reader: ReferralReader,
  referral: Pick<ReferralView, 'fromAgencyId' | 'toAgencyId'>,
): boolean {
  return (
    reader.agencyType === 'coordination_body' ||
    referral.fromAgencyId === reader.agencyId ||
    referral.toAgencyId === reader.agencyId
  );
}
