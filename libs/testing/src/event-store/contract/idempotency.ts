import { beforeEach, describe, expect, it } from '@jest/globals';
import { type NewEvent } from '@pamoja/contracts';
import {
  ANY,
  EventIdConflictError,
  NO_STREAM,
  NO_STREAM_REVISION,
  STREAM_EXISTS,
  type EventStore,
  type ExpectedRevision,
} from '@pamoja/event-store';
import {
  newEvent,
  newEvents,
  headReaching,
  readWholeLog,
  rejectionOf,
  snapshot,
  streamId,
  useEventStoreHarness,
  type OpenEventStore,
} from './harness.js';

/** A retried append (the same event ids) is a replay; the same ids anywhere else are a conflict. */
export function describeIdempotentRetry(open: OpenEventStore): void {
  describe('idempotent retry', () => {
    const harness = useEventStoreHarness(open);
    let store: EventStore;
    beforeEach(() => {
      store = harness.store;
    });

    it('appending the same event ids again returns the first result and stores nothing twice', async () => {
      const id = streamId();
      const events = newEvents(3);
      const first = await store.appendToStream(id, events, { expectedRevision: NO_STREAM });
      const before = await snapshot(store, first.position);

      // The retry's expectation is stale now, and must not matter.
      for (const expectedRevision of [NO_STREAM, NO_STREAM_REVISION, ANY, 2, 0, STREAM_EXISTS] as ExpectedRevision[]) {
        const retry = await store.appendToStream(id, events, { expectedRevision });
        expect(retry).toEqual({ ...first, idempotentReplay: true });
      }
      expect(await snapshot(store, first.position)).toEqual(before);

      // Still the first result after the stream moved on.
      const moved = await store.appendToStream(id, newEvents(2), { expectedRevision: 2 });
      const late = await store.appendToStream(id, events, { expectedRevision: NO_STREAM });
      expect(late).toEqual({ ...first, idempotentReplay: true });
      expect((await store.readStream(id)).map((e) => e.streamRevision)).toEqual([0, 1, 2, 3, 4]);
      await headReaching(store, moved.position);
      expect((await readWholeLog(store)).length).toBe(5);
    });

    it('a retried single event is a replay too', async () => {
      const id = streamId();
      await store.appendToStream(id, newEvents(1), { expectedRevision: NO_STREAM });
      const event = newEvent('CaseClosed');
      const first = await store.appendToStream(id, [event], { expectedRevision: 0 });
      expect(first.idempotentReplay).toBe(false);
      expect(await store.appendToStream(id, [event], { expectedRevision: 0 })).toEqual({
        ...first,
        idempotentReplay: true,
      });
      expect(await store.streamRevision(id)).toBe(1);
    });

    it('the same event ids in another stream are a conflict and write nothing', async () => {
      const id = streamId();
      const elsewhere = streamId();
      const events = newEvents(2);
      const written = await store.appendToStream(id, events, { expectedRevision: NO_STREAM });
      const before = await snapshot(store, written.position);
      for (const expectedRevision of [ANY, NO_STREAM] as ExpectedRevision[]) {
        const error = await rejectionOf(store.appendToStream(elsewhere, events, { expectedRevision }));
        expect(error).toBeInstanceOf(EventIdConflictError);
        expect((error as EventIdConflictError).streamId).toBe(elsewhere);
        expect((error as EventIdConflictError).eventIds).toEqual(expect.arrayContaining([events[0]!.eventId]));
      }
      expect(await snapshot(store, written.position)).toEqual(before);
      expect(await store.streamRevision(elsewhere)).toBe(NO_STREAM_REVISION);
    });

    it('a partial overlap with stored event ids is a conflict and writes nothing', async () => {
      const id = streamId();
      const events = newEvents(2);
      const first = await store.appendToStream(id, events, { expectedRevision: NO_STREAM });
      const before = await snapshot(store, first.position);
      const fresh = newEvent();
      for (const [batch, expectedRevision] of [
        [[events[1]!, fresh], ANY],
        [[events[1]!, fresh], first.nextExpectedRevision],
        [[events[0]!, events[1]!, fresh], NO_STREAM],
      ] as [NewEvent[], ExpectedRevision][]) {
        const error = await rejectionOf(store.appendToStream(id, batch, { expectedRevision }));
        expect(error).toBeInstanceOf(EventIdConflictError);
        expect((error as EventIdConflictError).streamId).toBe(id);
        expect((error as EventIdConflictError).eventIds).toEqual(expect.arrayContaining([events[1]!.eventId]));
      }
      expect(await snapshot(store, first.position)).toEqual(before);
      expect(await store.findEvent(fresh.eventId)).toBeUndefined();
    });
  });
}
