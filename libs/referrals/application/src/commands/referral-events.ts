import { jointCaseIdOpenedBy, type RecordedEvent } from '@pamoja/contracts';
import { REFERRAL_EVENT_TYPES, type ReferralEvent, type ReferralSubmitted } from '@pamoja/referrals/domain';

/** A referral that names no joint case opens one; derived from the command id so a retry opens the same. */
export function jointCaseIdFor(commandId: string): string {
  return jointCaseIdOpenedBy(commandId);
}

type ReferralSubmittedV1Data = Omit<ReferralSubmitted['data'], 'jointCase' | 'subject' | 'childProtectionBasis'>;

/**
 * ReferralSubmitted v1 → v2. A v1 referral was submitted before the subject was asked for: whether the
 * person is a child is not known, and no child-protection basis was claimed. Whether it opened its joint
 * case is not guessed: the API derived the id of a case it opened from the command id, so it can be told.
 */
export function upcastReferralSubmittedV1(data: ReferralSubmittedV1Data, commandId: string | undefined) {
  const opened =
    data.jointCaseId === null || (commandId !== undefined && jointCaseIdFor(commandId) === data.jointCaseId);
  return {
    ...data,
    jointCase: opened ? 'opened' : 'joined',
    subject: { isChild: null },
    childProtectionBasis: false,
  } satisfies ReferralSubmitted['data'];
}

/**
 * A stored referral event in the shape the domain knows today. The one place where older versions are
 * upcast, used by the command path and the projection alike (the rebuild tool reads the raw log).
 */
export function toReferralEvent(event: RecordedEvent): ReferralEvent {
  if (!(REFERRAL_EVENT_TYPES as readonly string[]).includes(event.type)) {
    throw new Error(`unexpected event ${event.type} in referral stream ${event.streamId}`);
  }
  if (event.type === 'ReferralSubmitted' && event.schemaVersion === 1) {
    return {
      type: 'ReferralSubmitted',
      schemaVersion: 2,
      data: upcastReferralSubmittedV1(event.data as ReferralSubmittedV1Data, event.metadata.commandId),
    };
  }
  // Every other event is at the version this context writes today.
  return { type: event.type, schemaVersion: event.schemaVersion, data: event.data } as ReferralEvent;
}
