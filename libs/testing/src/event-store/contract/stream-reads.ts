import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { type RecordedEvent } from '@pamoja/contracts';
import { ANY, NO_STREAM, NO_STREAM_REVISION, type EventStore } from '@pamoja/event-store';
import { newEvents, streamId, useEventStoreHarness, type OpenEventStore } from './harness.js';

/** Reading one stream forwards and backwards, its revision, and one event by id. */
export function describeStreamReads(open: OpenEventStore): void {
  describe('reading streams', () => {
    const harness = useEventStoreHarness(open);
    let store: EventStore;
    beforeEach(() => {
      store = harness.store;
    });

    it('readStream reads forwards and backwards from a revision with a maximum count', async () => {
      const id = streamId();
      const other = streamId();
      for (let i = 0; i < 5; i++) {
        await store.appendToStream(id, newEvents(2), { expectedRevision: i === 0 ? NO_STREAM : 2 * i - 1 });
        await store.appendToStream(other, newEvents(1), { expectedRevision: ANY });
      }
      const revisions = (events: RecordedEvent[]): number[] => events.map((e) => e.streamRevision);

      const all = await store.readStream(id);
      expect(revisions(all)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(all.every((e) => e.streamId === id)).toBe(true);
      expect(revisions(await store.readStream(id, { direction: 'forwards' }))).toEqual(revisions(all));
      expect(revisions(await store.readStream(id, { fromRevision: 3 }))).toEqual([3, 4, 5, 6, 7, 8, 9]);
      expect(revisions(await store.readStream(id, { fromRevision: 3, maxCount: 4 }))).toEqual([3, 4, 5, 6]);
      expect(revisions(await store.readStream(id, { maxCount: 2 }))).toEqual([0, 1]);
      expect(await store.readStream(id, { fromRevision: 10 })).toEqual([]);

      expect(revisions(await store.readStream(id, { direction: 'backwards' }))).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
      expect(revisions(await store.readStream(id, { direction: 'backwards', maxCount: 1 }))).toEqual([9]);
      expect(revisions(await store.readStream(id, { direction: 'backwards', fromRevision: 5, maxCount: 3 }))).toEqual([
        5, 4, 3,
      ]);
      expect(revisions(await store.readStream(id, { direction: 'backwards', fromRevision: 1 }))).toEqual([1, 0]);

      expect(await store.readStream(streamId())).toEqual([]);
    });

    it('streamRevision reports the last revision, or -1 for a missing stream', async () => {
      const id = streamId();
      expect(await store.streamRevision(id)).toBe(NO_STREAM_REVISION);
      await store.appendToStream(id, newEvents(3), { expectedRevision: NO_STREAM });
      expect(await store.streamRevision(id)).toBe(2);
      await store.appendToStream(id, newEvents(1), { expectedRevision: 2 });
      expect(await store.streamRevision(id)).toBe(3);
    });

    it('findEvent finds a stored event by id and nothing for an unknown id', async () => {
      const id = streamId();
      const sent = newEvents(3);
      await store.appendToStream(id, sent, { expectedRevision: NO_STREAM });
      const found = await store.findEvent(sent[1]!.eventId);
      expect(found).toEqual((await store.readStream(id))[1]);
      expect(found?.streamRevision).toBe(1);
      expect(await store.findEvent(randomUUID())).toBeUndefined();
    });
  });
}
