import { useEffect, useState } from 'react';
import { request } from '../../api/client';
import { graphql } from '../../gql';

const DeclineReasonQuery = graphql(`
  query ConsoleMeetingDeclineReason($referralId: ID!) {
    referral(referralId: $referralId) {
      referralId
      status
      statusReason
    }
  }
`);

/**
 * Requests in flight, shared by the parts of a page that show the same agenda (the page and its printable
 * minutes); forgotten once answered, so nothing read under one session serves another.
 */
const inFlight = new Map<string, Promise<string | undefined>>();

function reasonOf(referralId: string): Promise<string | undefined> {
  let pending = inFlight.get(referralId);
  if (!pending) {
    pending = request(DeclineReasonQuery, { referralId })
      .then(({ referral }) => (referral.status === 'DECLINED' ? (referral.statusReason ?? undefined) : undefined))
      // Not shared with this agency, or the link is down: the sentence goes without its reason.
      .catch(() => undefined)
      .finally(() => inFlight.delete(referralId));
    inFlight.set(referralId, pending);
  }
  return pending;
}

/**
 * Why each declined handoff of the agenda was declined, as the declining agency wrote it. The agenda is made
 * from what agencies share, which leaves free text out; the reason is read from the referral itself, so the
 * access policy decides who reads it: the coordination body does, a participant not party to the referral
 * gets nothing (and the sentence goes without a reason). Read once per referral, never kept on the device.
 */
export function useDeclineReasons(referralIds: readonly string[]): ReadonlyMap<string, string> {
  const [reasons, setReasons] = useState<ReadonlyMap<string, string>>(new Map());
  const key = [...referralIds].sort().join(',');
  useEffect(() => {
    if (key === '') return;
    let current = true;
    void Promise.all(
      key.split(',').map(async (referralId) => {
        const reason = await reasonOf(referralId);
        return reason ? ([referralId, reason] as const) : undefined;
      }),
    ).then((found) => {
      if (current) setReasons(new Map(found.filter((entry) => entry !== undefined)));
    });
    return () => {
      current = false;
    };
  }, [key]);
  return reasons;
}
