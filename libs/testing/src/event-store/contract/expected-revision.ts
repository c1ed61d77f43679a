import { beforeEach, describe, expect, it } from '@jest/globals';
import { LOG_START } from '@pamoja/contracts';
import { ANY, NO_STREAM, NO_STREAM_REVISION, STREAM_EXISTS, type EventStore } from '@pamoja/event-store';
import {
  expectWrongRevision,
  newEvent,
  newEvents,
  snapshot,
  streamId,
  useEventStoreHarness,
  type OpenEventStore,
} from './harness.js';

/** Optimistic concurrency: NO_STREAM, STREAM_EXISTS, ANY and exact revisions; a refused append writes nothing. */
export function describeExpectedRevision(open: OpenEventStore): void {
  describe('expected revision', () => {
    const harness = useEventStoreHarness(open);
    let store: EventStore;
    beforeEach(() => {
      store = harness.store;
    });

    it('NO_STREAM appends to a stream that does not exist', async () => {
      const id = streamId();
      const result = await store.appendToStream(id, newEvents(2), { expectedRevision: NO_STREAM });
      expect(result.nextExpectedRevision).toBe(1);
      expect(result.idempotentReplay).toBe(false);
      expect(await store.streamRevision(id)).toBe(1);
    });

    it('NO_STREAM fails on an existing stream, reports its revision and writes nothing', async () => {
      const id = streamId();
      const written = await store.appendToStream(id, newEvents(3), { expectedRevision: NO_STREAM });
      const before = await snapshot(store, written.position);
      const refused = newEvent();
      await expectWrongRevision(store.appendToStream(id, [refused], { expectedRevision: NO_STREAM }), id, NO_STREAM, 2);
      expect(await snapshot(store, written.position)).toEqual(before);
      expect(await store.findEvent(refused.eventId)).toBeUndefined();
      expect(await store.streamRevision(id)).toBe(2);
    });

    it('STREAM_EXISTS fails on a missing stream with actual -1 and writes nothing', async () => {
      const id = streamId();
      const written = await store.appendToStream(streamId(), newEvents(1), { expectedRevision: NO_STREAM });
      const before = await snapshot(store, written.position);
      const refused = newEvent();
      await expectWrongRevision(
        store.appendToStream(id, [refused], { expectedRevision: STREAM_EXISTS }),
        id,
        STREAM_EXISTS,
        NO_STREAM_REVISION,
      );
      expect(await snapshot(store, written.position)).toEqual(before);
      expect(await store.streamRevision(id)).toBe(NO_STREAM_REVISION);
      expect(await store.readStream(id)).toEqual([]);
      expect(await store.findEvent(refused.eventId)).toBeUndefined();
      // The refusal did not leave a half-created stream behind: NO_STREAM still works.
      await expect(store.appendToStream(id, newEvents(1), { expectedRevision: NO_STREAM })).resolves.toMatchObject({
        nextExpectedRevision: 0,
      });
    });

    it('STREAM_EXISTS appends to an existing stream', async () => {
      const id = streamId();
      await store.appendToStream(id, newEvents(2), { expectedRevision: NO_STREAM });
      const result = await store.appendToStream(id, newEvents(3), { expectedRevision: STREAM_EXISTS });
      expect(result.nextExpectedRevision).toBe(4);
      expect(await store.streamRevision(id)).toBe(4);
    });

    it('ANY appends to a missing and to an existing stream', async () => {
      const id = streamId();
      expect((await store.appendToStream(id, newEvents(1), { expectedRevision: ANY })).nextExpectedRevision).toBe(0);
      expect((await store.appendToStream(id, newEvents(2), { expectedRevision: ANY })).nextExpectedRevision).toBe(2);
      expect((await store.readStream(id)).map((e) => e.streamRevision)).toEqual([0, 1, 2]);
    });

    it('an exact revision appends when it is the current one', async () => {
      const id = streamId();
      const first = await store.appendToStream(id, newEvents(3), { expectedRevision: NO_STREAM });
      expect(first.nextExpectedRevision).toBe(2);
      const second = await store.appendToStream(id, newEvents(2), { expectedRevision: first.nextExpectedRevision });
      expect(second.nextExpectedRevision).toBe(4);
      const third = await store.appendToStream(id, newEvents(1), { expectedRevision: 4 });
      expect(third.nextExpectedRevision).toBe(5);
      expect((await store.readStream(id)).map((e) => e.streamRevision)).toEqual([0, 1, 2, 3, 4, 5]);
    });

    it('a stale or future exact revision fails with the actual revision and writes nothing', async () => {
      const id = streamId();
      const written = await store.appendToStream(id, newEvents(3), { expectedRevision: NO_STREAM });
      const before = await snapshot(store, written.position);
      for (const expected of [0, 1, 3, 7]) {
        const refused = newEvent();
        await expectWrongRevision(store.appendToStream(id, [refused], { expectedRevision: expected }), id, expected, 2);
        expect(await store.findEvent(refused.eventId)).toBeUndefined();
      }
      expect(await snapshot(store, written.position)).toEqual(before);
    });

    it('an exact revision on a missing stream fails with actual -1 and writes nothing', async () => {
      const id = streamId();
      // A fresh store: nothing of this test's is on the log yet.
      const before = await snapshot(store, LOG_START);
      await expectWrongRevision(
        store.appendToStream(id, newEvents(2), { expectedRevision: 0 }),
        id,
        0,
        NO_STREAM_REVISION,
      );
      expect(await snapshot(store, LOG_START)).toEqual(before);
      expect(await store.streamRevision(id)).toBe(NO_STREAM_REVISION);
    });

    it('the revision streamRevision reports for a missing stream (-1) works as an exact expectation', async () => {
      // A writer that read streamRevision() and passes it back must not need a special case for new streams.
      const id = streamId();
      const revision = await store.streamRevision(id);
      expect(revision).toBe(NO_STREAM_REVISION);
      const result = await store.appendToStream(id, newEvents(1), { expectedRevision: revision });
      expect(result.nextExpectedRevision).toBe(0);
      await expectWrongRevision(
        store.appendToStream(id, newEvents(1), { expectedRevision: NO_STREAM_REVISION }),
        id,
        NO_STREAM_REVISION,
        0,
      );
    });
  });
}
