import { useEffect, useState } from 'react';
import { subscribe } from '../../api/live';
import { DeadlineMissedSubscription, ReferralReceivedSubscription } from './documents';
import { type LiveTopic, type Queue } from './queues';

/** What arrived last, for the sentence that tells it (the list itself is read again). */
export type LiveNews =
  | { readonly kind: 'referral'; readonly submittedAt: string; readonly siteCode: string | null }
  | { readonly kind: 'deadline' };

export interface QueueLive {
  /** Each goes up by one when something new arrives on that topic, or the page is looked at again. */
  readonly ticks: Readonly<Record<LiveTopic | 'visible', number>>;
  readonly news: LiveNews | undefined;
}

/** How many times a queue should have been read again: its topics' arrivals, and each return to the page. */
export function tickOf(queue: Queue, live: QueueLive): number {
  return queue.live.reduce((sum, topic) => sum + live.ticks[topic], live.ticks.visible);
}

/**
 * New referrals (`referralReceived`) and missed deadlines (`deadlineMissed`) while a queue is on screen.
 * graphql-ws re-subscribes after a dropped link with the variables it started with, and `subscribe`
 * starts over with fresh ones after a closed socket: each resumes after the last item seen, and what was
 * seen already is not counted twice. A phone put down and picked up again reads its queues again.
 */
export function useQueueLive(topics: readonly LiveTopic[]): QueueLive {
  const [ticks, setTicks] = useState<Record<LiveTopic | 'visible', number>>({ referrals: 0, deadlines: 0, visible: 0 });
  const [news, setNews] = useState<LiveNews | undefined>(undefined);
  const referrals = topics.includes('referrals');
  const deadlines = topics.includes('deadlines');

  useEffect(() => {
    if (!referrals) return;
    const seen = new Set<string>();
    let last: string | undefined;
    return subscribe(ReferralReceivedSubscription, () => (last ? { after: last } : {}), {
      next: ({ referralReceived: r }) => {
        if (r.feedCursor) last = r.feedCursor;
        if (seen.has(r.referralId)) return;
        seen.add(r.referralId);
        setTicks((t) => ({ ...t, referrals: t.referrals + 1 }));
        setNews({ kind: 'referral', submittedAt: r.submittedAt, siteCode: r.siteCode });
      },
    });
  }, [referrals]);

  useEffect(() => {
    if (!deadlines) return;
    const seen = new Set<string>();
    let last: string | undefined;
    return subscribe(DeadlineMissedSubscription, () => (last ? { after: last } : {}), {
      next: ({ deadlineMissed: e }) => {
        last = e.position;
        if (seen.has(e.escalationId)) return;
        seen.add(e.escalationId);
        setTicks((t) => ({ ...t, deadlines: t.deadlines + 1 }));
        setNews({ kind: 'deadline' });
      },
    });
  }, [deadlines]);

  useEffect(() => {
    const back = () => {
      if (document.visibilityState === 'visible') setTicks((t) => ({ ...t, visible: t.visible + 1 }));
    };
    document.addEventListener('visibilitychange', back);
    return () => document.removeEventListener('visibilitychange', back);
  }, []);

  return { ticks, news };
}

/** Every topic the given queues listen to, once. */
export function topicsOf(queues: readonly Queue[]): LiveTopic[] {
  return [...new Set(queues.flatMap((q) => q.live))];
}
