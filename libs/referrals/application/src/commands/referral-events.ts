import { jointCaseIdOpenedBy } from '@pamoja/contracts';
import { domainEventReader } from '@pamoja/event-store';
import { REFERRAL_EVENT_TYPES, type ReferralEvent } from '@pamoja/referrals/domain';

/** A referral that names no joint case opens one; derived from the command id so a retry opens the same. */
export function jointCaseIdFor(commandId: string): string {
  return jointCaseIdOpenedBy(commandId);
}

/**
 * A stored referral event as the domain knows it. Older versions were already upcast by the store
 * (`REFERRAL_UPCASTERS`); an event of another context means the stream is not a referral's.
 */
export const toReferralEvent = domainEventReader<ReferralEvent>(REFERRAL_EVENT_TYPES);
