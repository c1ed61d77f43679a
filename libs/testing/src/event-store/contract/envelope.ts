import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { logPositionOf, type NewEvent } from '@pamoja/contracts';
import { NO_STREAM, type EventStore } from '@pamoja/event-store';
import {
  expectStrictlyIncreasing,
  newEvent,
  newEvents,
  readAllReaching,
  streamId,
  useEventStoreHarness,
  type OpenEventStore,
} from './harness.js';

/** What is stored comes back whole: every field of the envelope, contiguous revisions and log positions. */
export function describeEnvelope(open: OpenEventStore): void {
  describe('envelope', () => {
    const harness = useEventStoreHarness(open);
    let store: EventStore;
    beforeEach(() => {
      store = harness.store;
    });

    it('round-trips every field and assigns contiguous revisions and log positions', async () => {
      const id = streamId();
      const jointCaseId = randomUUID();
      const sent: NewEvent[] = [
        newEvent(
          'CaseOpened',
          {
            site: 'Bisie, Walikale – Nord-Kivu',
            survivor: { ageBand: '12-14', languages: ['sw', 'fr', 'kinyarwanda'], consent: true },
            risk: 0.75,
            count: 3,
            tags: [],
            nothing: null,
            quote: 'il a dit "demain" \\ ✓ 😀',
          },
          {
            causationId: null,
            jointCaseId: null,
            occurredAt: '2026-01-02T03:04:05.678Z',
          },
        ),
        {
          eventId: randomUUID(),
          type: 'ReferralSent',
          schemaVersion: 3,
          data: { to: randomUUID(), urgency: 'high', nested: { deep: { deeper: [1, [2, [3]]] } } },
          metadata: {
            actor: { userId: randomUUID(), agencyId: randomUUID(), agencyType: 'police', roles: ['officer'] },
            correlationId: randomUUID(),
            causationId: randomUUID(),
            jointCaseId,
            occurredAt: '2026-01-02T03:04:06.001Z',
            commandId: randomUUID(),
            commandHash: 'a'.repeat(64),
          },
        },
        newEvent('CaseNoteAdded', 'a plain string payload', { jointCaseId, causationId: randomUUID() }),
      ];
      const before = Date.now();
      const result = await store.appendToStream(id, sent, { expectedRevision: NO_STREAM });
      const after = Date.now();
      const read = await store.readStream(id);

      expect(read).toHaveLength(3);
      read.forEach((event, i) => {
        expect(event).toEqual({
          ...sent[i],
          streamId: id,
          streamRevision: i,
          globalPosition: expect.any(Number),
          transactionId: expect.any(Number),
          recordedAt: expect.any(Date),
        });
        expect(Number.isSafeInteger(event.globalPosition)).toBe(true);
        expect(Number.isSafeInteger(event.transactionId)).toBe(true);
        expect(event.globalPosition).toBeGreaterThan(0);
        expect(event.transactionId).toBeGreaterThan(0);
        expect(Number.isNaN(event.recordedAt.getTime())).toBe(false);
        // The database clock may differ a little from ours.
        expect(event.recordedAt.getTime()).toBeGreaterThan(before - 60_000);
        expect(event.recordedAt.getTime()).toBeLessThan(after + 60_000);
      });
      // One append is one transaction; positions increase within it.
      expect(new Set(read.map((e) => e.transactionId)).size).toBe(1);
      expectStrictlyIncreasing(read);
      expect(result.position).toEqual(logPositionOf(read[2]!));
      expect(result.nextExpectedRevision).toBe(2);

      const more = newEvents(2);
      const next = await store.appendToStream(id, more, { expectedRevision: 2 });
      const all = await store.readStream(id);
      expect(all.map((e) => e.streamRevision)).toEqual([0, 1, 2, 3, 4]);
      expect(all.map((e) => e.eventId)).toEqual([...sent, ...more].map((e) => e.eventId));
      expectStrictlyIncreasing(all);
      expect(next.position).toEqual(logPositionOf(all[4]!));

      // Every read path hands back the same envelope.
      expect(await store.findEvent(sent[1]!.eventId)).toEqual(read[1]);
      expect((await readAllReaching(store, next.position)).events).toEqual(all);
    });
  });
}
