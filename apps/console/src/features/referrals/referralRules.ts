import type { ConsoleReferralQuery, ReferralStatus } from '../../gql/graphql';

export type ReferralData = ConsoleReferralQuery['referral'];

/** The actions on a referral, by their mutation: what the referral page offers and the outbox resends. */
export type ReferralAction =
  'acceptReferral' | 'declineReferral' | 'revokeReferral' | 'completeReferral' | 'assessTraffickingScreening';

export const REFERRAL_ACTIONS: readonly ReferralAction[] = [
  'acceptReferral',
  'declineReferral',
  'revokeReferral',
  'completeReferral',
  'assessTraffickingScreening',
];

export function isReferralAction(mutation: string): mutation is ReferralAction {
  return (REFERRAL_ACTIONS as readonly string[]).includes(mutation);
}

/**
 * Whether an agency may take the action on the referral as it stands (the rules of referral.decider.ts):
 * the receiver answers a submitted referral and completes an accepted one; the sender revokes one not
 * yet declined or completed; either party screens one that was not revoked.
 */
export function mayTake(
  action: ReferralAction,
  referral: Pick<ReferralData, 'status' | 'fromAgencyId' | 'toAgencyId'>,
  agencyId: string,
): boolean {
  const receiver = referral.toAgencyId === agencyId;
  const sender = referral.fromAgencyId === agencyId;
  switch (action) {
    case 'acceptReferral':
    case 'declineReferral':
      return receiver && referral.status === 'SUBMITTED';
    case 'completeReferral':
      return receiver && referral.status === 'ACCEPTED';
    case 'revokeReferral':
      return sender && (referral.status === 'SUBMITTED' || referral.status === 'ACCEPTED');
    case 'assessTraffickingScreening':
      return (receiver || sender) && referral.status !== 'REVOKED';
  }
}

/** Who gave the referral its status (its id, and the directory's entry): the receiver answers and completes, the sender revokes. */
export function answeredBy(
  referral: Pick<ReferralData, 'status' | 'fromAgencyId' | 'toAgencyId' | 'fromAgency' | 'toAgency'>,
): { readonly agencyId: string; readonly agency: ReferralData['toAgency'] } | undefined {
  const receiver = { agencyId: referral.toAgencyId, agency: referral.toAgency };
  const by: Record<ReferralStatus, typeof receiver | undefined> = {
    SUBMITTED: undefined,
    ACCEPTED: receiver,
    DECLINED: receiver,
    COMPLETED: receiver,
    REVOKED: { agencyId: referral.fromAgencyId, agency: referral.fromAgency },
  };
  return by[referral.status];
}

/** The free text an action carries (a note, a reason, an outcome), for showing what the person wrote. */
export function textOfAction(input: Record<string, unknown>): string | undefined {
  for (const key of ['note', 'reason', 'outcome']) {
    const value = input[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return undefined;
}
