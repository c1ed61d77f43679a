import { jointCaseIdOpenedBy, type EventUpcaster } from '@pamoja/contracts';
import { type ReferralSubmitted } from './referral.events.js';

type ReferralSubmittedV1Data = Omit<ReferralSubmitted['data'], 'jointCase' | 'subject' | 'childProtectionBasis'>;

/**
 * ReferralSubmitted v1 → v2. A v1 referral was submitted before the subject was asked for: whether the
 * person is a child is not known, and no child-protection basis was claimed. Whether it opened its joint
 * case is not guessed: the API derived the id of a case it opened from the command id, so it can be told.
 */
export function upcastReferralSubmittedV1(
  data: ReferralSubmittedV1Data,
  commandId: string | undefined,
): ReferralSubmitted['data'] {
  const opened =
    data.jointCaseId === null || (commandId !== undefined && jointCaseIdOpenedBy(commandId) === data.jointCaseId);
  return {
    ...data,
    jointCase: opened ? 'opened' : 'joined',
    subject: { isChild: null },
    childProtectionBasis: false,
  };
}

/** Old shapes of referral events; the store applies them as it reads, nothing else upcasts. */
export const REFERRAL_UPCASTERS: readonly EventUpcaster[] = [
  {
    type: 'ReferralSubmitted',
    fromVersion: 1,
    // The stored v1 data, as the context wrote it before version 2.
    upcast: (data, event) => upcastReferralSubmittedV1(data as ReferralSubmittedV1Data, event.metadata.commandId),
  },
];
