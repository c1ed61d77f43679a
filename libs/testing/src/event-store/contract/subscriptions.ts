import { beforeEach, describe, expect, it } from '@jest/globals';
import { compareLogPositions, logPositionOf } from '@pamoja/contracts';
import { NO_STREAM, type EventStore } from '@pamoja/event-store';
import {
  delay,
  eventually,
  newEvent,
  newEvents,
  streamId,
  within,
  useEventStoreHarness,
  type OpenEventStore,
} from './harness.js';

/** Catch-up then live delivery, resuming, filters, batch sizes, stopping and a failing handler. */
export function describeSubscriptions(open: OpenEventStore): void {
  describe('subscriptions', () => {
    const harness = useEventStoreHarness(open);
    let store: EventStore;
    const { collect, track } = harness;
    beforeEach(() => {
      store = harness.store;
    });

    it('catches up, then follows live appends, and reports when it has caught up', async () => {
      const existing = newEvents(3);
      await store.appendToStream(streamId(), existing, { expectedRevision: NO_STREAM });
      const collector = collect(store);
      await collector.waitForCount(3);
      await eventually('onCaughtUp', () => collector.caughtUpAt.length > 0);
      expect(
        compareLogPositions(collector.caughtUpAt.at(-1)!, logPositionOf(collector.events[2]!)),
      ).toBeGreaterThanOrEqual(0);

      const live = newEvents(2);
      const result = await store.appendToStream(streamId(), live, { expectedRevision: NO_STREAM });
      await collector.waitForCount(5);
      expect(collector.events.map((e) => e.eventId)).toEqual([...existing, ...live].map((e) => e.eventId));
      await eventually(
        'the position to reach the last event',
        () => compareLogPositions(collector.subscription.position, result.position) >= 0,
      );
      expect(collector.violations).toEqual([]);
    });

    it('resumes after a given position without replaying earlier events', async () => {
      const id = streamId();
      const events = newEvents(5);
      await store.appendToStream(id, events.slice(0, 3), { expectedRevision: NO_STREAM });
      await store.appendToStream(id, events.slice(3), { expectedRevision: 2 });
      const third = (await store.findEvent(events[2]!.eventId))!;

      const collector = collect(store, { after: logPositionOf(third) });
      await collector.waitForCount(2);
      const more = newEvents(2);
      await store.appendToStream(id, more, { expectedRevision: 4 });
      await collector.waitForCount(4);
      await delay(200);
      expect(collector.events.map((e) => e.eventId)).toEqual([...events.slice(3), ...more].map((e) => e.eventId));

      // From the head: only what comes next.
      const fromHead = collect(store, { after: await store.headPosition() });
      await eventually('the subscription from the head to catch up', () => fromHead.caughtUpAt.length > 0);
      const last = newEvent();
      await store.appendToStream(id, [last], { expectedRevision: 6 });
      await fromHead.waitForCount(1);
      await delay(200);
      expect(fromHead.events.map((e) => e.eventId)).toEqual([last.eventId]);
      expect(collector.violations).toEqual([]);
      expect(fromHead.violations).toEqual([]);
    });

    it('delivers only what its filter keeps and moves its position past the rest', async () => {
      const referral = streamId('referral');
      await store.appendToStream(referral, [newEvent('ReferralSent')], { expectedRevision: NO_STREAM });
      await store.appendToStream(streamId(), newEvents(3), { expectedRevision: NO_STREAM });
      await store.appendToStream(referral, [newEvent('ReferralAccepted')], { expectedRevision: 0 });
      await store.appendToStream(streamId(), newEvents(4), { expectedRevision: NO_STREAM });
      const head = await store.headPosition();

      const collector = collect(store, { filter: { streamPrefixes: ['referral-'] } });
      await collector.waitForCount(2);
      await eventually(
        'the position to move past filtered-out events',
        () => compareLogPositions(collector.subscription.position, head) >= 0,
      );
      expect(collector.events.map((e) => e.type)).toEqual(['ReferralSent', 'ReferralAccepted']);
      expect(collector.violations).toEqual([]);
    });

    it('hands over batches no larger than batchSize', async () => {
      for (let i = 0; i < 5; i++) await store.appendToStream(streamId(), newEvents(5), { expectedRevision: NO_STREAM });
      const collector = collect(store, { batchSize: 7 });
      await collector.waitForCount(25);
      expect(collector.batches.length).toBeGreaterThanOrEqual(4);
      expect(collector.batches.every((batch) => batch.length > 0 && batch.length <= 7)).toBe(true);
      expect(collector.violations).toEqual([]);
    });

    it('stop() resolves done and delivers nothing more', async () => {
      await store.appendToStream(streamId(), newEvents(2), { expectedRevision: NO_STREAM });
      const collector = collect(store);
      await collector.waitForCount(2);
      await within('stop()', collector.subscription.stop());
      await expect(within('done', collector.subscription.done)).resolves.toBeUndefined();
      await store.appendToStream(streamId(), newEvents(2), { expectedRevision: NO_STREAM });
      await delay(300);
      expect(collector.events).toHaveLength(2);
      // Stopping twice is harmless.
      await collector.subscription.stop();
    });

    it('a handler that throws makes done reject with its error, and is not called again', async () => {
      await store.appendToStream(streamId(), newEvents(3), { expectedRevision: NO_STREAM });
      const boom = new Error('the projection failed');
      let calls = 0;
      const subscription = store.subscribeToAll({
        onEvents: () => {
          calls++;
          return Promise.reject(boom);
        },
      });
      track(subscription);
      const outcome = subscription.done.then(
        () => 'resolved',
        (error: unknown) => error,
      );
      expect(await within('done to reject', outcome)).toBe(boom);
      await store.appendToStream(streamId(), newEvents(1), { expectedRevision: NO_STREAM });
      await delay(300);
      expect(calls).toBe(1);
    });
  });
}
