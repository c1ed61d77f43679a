import { beforeEach, describe, expect, it } from '@jest/globals';
import { LOG_START, compareLogPositions, logPositionOf, type LogPosition } from '@pamoja/contracts';
import { NO_STREAM, WrongExpectedRevisionError, type EventStore } from '@pamoja/event-store';
import {
  delay,
  expectStrictlyIncreasing,
  headReaching,
  newEvent,
  newEvents,
  readWholeLog,
  streamId,
  within,
  useEventStoreHarness,
  type OpenEventStore,
} from './harness.js';

/** Concurrent writers lose nothing; a transaction that commits late is delivered once and in order. */
export function describeConcurrency(open: OpenEventStore): void {
  describe('concurrency', () => {
    const harness = useEventStoreHarness(open);
    let store: EventStore;
    const { openStore, collect } = harness;
    beforeEach(() => {
      store = harness.store;
    });

    it('concurrent writers with exact expected revisions lose nothing, and a live subscriber sees every event once, in order', async () => {
      const WRITERS = 8;
      const PER_WRITER = 200;
      const STREAMS = 20;
      const TOTAL = WRITERS * PER_WRITER;
      const streams = Array.from({ length: STREAMS }, (_, i) => streamId(`load${i}`));
      const collector = collect(store, { batchSize: 100 });
      const written = new Map<string, string>();
      let conflicts = 0;
      let furthest: LogPosition = LOG_START;

      const writer = async (w: number): Promise<void> => {
        for (let i = 0; i < PER_WRITER; i++) {
          // Writers overlap on streams, so expected revisions go stale and must be retried.
          const target = streams[(w * 3 + i * 7 + Math.floor(Math.random() * 3)) % STREAMS]!;
          const event = newEvent('LoadTested', { writer: w, i });
          for (let attempt = 0; ; attempt++) {
            if (attempt > 500) throw new Error(`writer ${w} could not append to ${target} after ${attempt} attempts`);
            const revision = await store.streamRevision(target);
            try {
              const result = await store.appendToStream(target, [event], { expectedRevision: revision });
              expect(result.idempotentReplay).toBe(false);
              expect(result.nextExpectedRevision).toBe(revision + 1);
              written.set(event.eventId, target);
              if (compareLogPositions(result.position, furthest) > 0) furthest = result.position;
              break;
            } catch (error: unknown) {
              if (!(error instanceof WrongExpectedRevisionError)) throw error;
              expect(error.actual).not.toBe(revision);
              conflicts++;
            }
          }
        }
      };
      await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
      expect(written.size).toBe(TOTAL);

      // Every stream: revisions 0..n-1, exactly the events written to it.
      let total = 0;
      for (const id of streams) {
        const events = await store.readStream(id);
        expect(events.map((e) => e.streamRevision)).toEqual(events.map((_, i) => i));
        expect(await store.streamRevision(id)).toBe(events.length - 1);
        for (const event of events) expect(written.get(event.eventId)).toBe(id);
        total += events.length;
      }
      expect(total).toBe(TOTAL);

      // The global log: every event once, in strictly increasing order.
      await headReaching(store, furthest);
      const log = await readWholeLog(store, 250);
      expect(log).toHaveLength(TOTAL);
      expect(new Set(log.map((e) => e.eventId)).size).toBe(TOTAL);
      expectStrictlyIncreasing(log);

      // The subscriber ran during the writes: same events, same order, nothing twice.
      await collector.waitForCount(TOTAL, 30_000);
      await delay(200);
      expect(collector.violations).toEqual([]);
      expect(collector.events.map((e) => e.eventId)).toEqual(log.map((e) => e.eventId));
      expect(collector.batches.every((batch) => batch.length <= 100)).toBe(true);
      expect(
        compareLogPositions(collector.subscription.position, logPositionOf(log[TOTAL - 1]!)),
      ).toBeGreaterThanOrEqual(0);
      // Reported for the curious; contention depends on the adapter and the machine.
      expect(conflicts).toBeGreaterThanOrEqual(0);
    }, 120_000);

    it('a transaction held open is delivered exactly once and in order once it commits', async () => {
      const held = streamId('held');
      let signalEntered!: () => void;
      const entered = new Promise<void>((resolve) => (signalEntered = resolve));
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let holds = 0;
      const hooked = await openStore({
        beforeCommit: async (id) => {
          if (id !== held) return;
          holds++;
          signalEntered();
          await released;
        },
      });

      const warmUp = newEvents(2, 'WarmedUp');
      await hooked.appendToStream(streamId('warm'), warmUp, { expectedRevision: NO_STREAM });
      const collector = collect(hooked);
      await collector.waitForCount(2);

      const heldEvent = newEvent('HeldBack');
      const heldAppend = hooked.appendToStream(held, [heldEvent], { expectedRevision: NO_STREAM });
      heldAppend.catch(() => undefined); // awaited below; keeps an early failure from going unhandled
      const laterEvents = Array.from({ length: 5 }, () => newEvent('CommittedLater'));
      let laterAppends: Promise<unknown> = Promise.resolve();
      try {
        await Promise.race([
          entered,
          heldAppend.then(() => {
            throw new Error('the held append committed without waiting for its beforeCommit hook');
          }),
        ]);
        // Appends to other streams while the transaction is open. PostgreSQL commits them now; PGlite has a
        // single connection, so there they queue behind the held transaction. Either is fine.
        laterAppends = Promise.all(
          laterEvents.map((event) =>
            hooked.appendToStream(streamId('later'), [event], { expectedRevision: NO_STREAM }),
          ),
        );
        laterAppends.catch(() => undefined);
        await Promise.race([laterAppends, delay(1000)]);
        // Give the subscriber several chances to read while the transaction is still open.
        await delay(400);
        expect(collector.events.map((e) => e.eventId)).not.toContain(heldEvent.eventId);
      } finally {
        release();
      }

      const heldResult = await within('the held append to commit', heldAppend);
      await within('the later appends to commit', laterAppends);
      const expected = [...warmUp, heldEvent, ...laterEvents].map((e) => e.eventId);
      await collector.waitForCount(expected.length);
      await delay(300);

      expect(holds).toBe(1);
      expect(collector.violations).toEqual([]);
      expect(collector.events).toHaveLength(expected.length);
      expect(new Set(collector.events.map((e) => e.eventId))).toEqual(new Set(expected));
      expect(collector.events.filter((e) => e.eventId === heldEvent.eventId)).toHaveLength(1);
      const delivered = collector.events.find((e) => e.eventId === heldEvent.eventId)!;
      expect(logPositionOf(delivered)).toEqual(heldResult.position);
      // A reader starting afresh sees the same log in the same order.
      expect((await readWholeLog(hooked)).map((e) => e.eventId)).toEqual(collector.events.map((e) => e.eventId));
    }, 60_000);
  });
}
