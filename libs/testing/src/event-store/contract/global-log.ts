import { beforeEach, describe, expect, it } from '@jest/globals';
import {
  compareLogPositions,
  LOG_START,
  logPositionOf,
  type LogPosition,
  type NewEvent,
  type RecordedEvent,
} from '@pamoja/contracts';
import { ANY, NO_STREAM, type EventStore } from '@pamoja/event-store';
import {
  expectStrictlyIncreasing,
  headReaching,
  newEvent,
  newEvents,
  readAllReaching,
  streamId,
  useEventStoreHarness,
  type OpenEventStore,
} from './harness.js';

/** The global log: its head, and readAll in order, strictly after a position, paged and filtered. */
export function describeGlobalLog(open: OpenEventStore): void {
  describe('reading the global log', () => {
    const harness = useEventStoreHarness(open);
    let store: EventStore;
    beforeEach(() => {
      store = harness.store;
    });

    it('headPosition is the start on an empty log and the last append after that', async () => {
      expect(await store.headPosition()).toEqual(LOG_START);
      const first = await store.appendToStream(streamId(), newEvents(2), { expectedRevision: NO_STREAM });
      expect(await headReaching(store, first.position)).toEqual(first.position);
      const second = await store.appendToStream(streamId(), newEvents(1), { expectedRevision: NO_STREAM });
      expect(compareLogPositions(second.position, first.position)).toBeGreaterThan(0);
      expect(await headReaching(store, second.position)).toEqual(second.position);
    });

    it('readAll reads the log in order, strictly after a position, with a maximum count', async () => {
      const empty = await store.readAll();
      expect(empty.events).toEqual([]);
      expect(empty.checkedUpTo).toEqual(LOG_START);

      const a = streamId();
      const b = streamId('referral');
      const appended: NewEvent[] = [];
      let last = LOG_START;
      for (const [id, count] of [
        [a, 2],
        [b, 3],
        [a, 1],
        [b, 1],
      ] as const) {
        const events = newEvents(count);
        appended.push(...events);
        last = (await store.appendToStream(id, events, { expectedRevision: ANY })).position;
      }

      const all = await readAllReaching(store, last);
      expect(all.events.map((e) => e.eventId)).toEqual(appended.map((e) => e.eventId));
      expectStrictlyIncreasing(all.events);
      expect(all.checkedUpTo).toEqual(logPositionOf(all.events[6]!));
      expect(await store.headPosition()).toEqual(all.checkedUpTo);

      // `after` is exclusive.
      const afterSecond = await store.readAll({ after: logPositionOf(all.events[1]!) });
      expect(afterSecond.events).toEqual(all.events.slice(2));
      const afterLast = await store.readAll({ after: logPositionOf(all.events[6]!) });
      expect(afterLast.events).toEqual([]);
      expect(compareLogPositions(afterLast.checkedUpTo, logPositionOf(all.events[6]!))).toBe(0);

      // maxCount: checkedUpTo covers the page and stops short of the next event.
      const page = await store.readAll({ maxCount: 3 });
      expect(page.events).toEqual(all.events.slice(0, 3));
      expect(compareLogPositions(page.checkedUpTo, logPositionOf(all.events[2]!))).toBeGreaterThanOrEqual(0);
      expect(compareLogPositions(page.checkedUpTo, logPositionOf(all.events[3]!))).toBeLessThan(0);

      const pages: RecordedEvent[][] = [];
      let after: LogPosition = LOG_START;
      for (let guard = 0; guard < 20; guard++) {
        const next = await store.readAll({ after, maxCount: 2 });
        if (next.events.length === 0) break;
        expect(next.events.length).toBeLessThanOrEqual(2);
        pages.push(next.events);
        after = next.checkedUpTo;
      }
      expect(pages.flat()).toEqual(all.events);
    });

    it('readAll filters by stream prefix and by event type, and checkedUpTo moves past what it filtered out', async () => {
      // `_` and `%` are LIKE wildcards: a prefix must match literally.
      const cases = [streamId('case_x'), streamId('case_x')];
      const lookalike = streamId('caseXx');
      const percent = streamId('case%x');
      const referral = streamId('referral');
      await store.appendToStream(cases[0]!, [newEvent('CaseOpened'), newEvent('CaseNoteAdded')], {
        expectedRevision: NO_STREAM,
      });
      await store.appendToStream(lookalike, [newEvent('CaseOpened')], { expectedRevision: NO_STREAM });
      await store.appendToStream(referral, [newEvent('ReferralSent'), newEvent('CaseNoteAdded')], {
        expectedRevision: NO_STREAM,
      });
      await store.appendToStream(percent, [newEvent('CaseOpened')], { expectedRevision: NO_STREAM });
      await store.appendToStream(cases[1]!, [newEvent('CaseOpened')], { expectedRevision: NO_STREAM });
      // The log ends with events that none of the filters below keep.
      const { position: head } = await store.appendToStream(streamId('audit'), newEvents(3, 'AuditRecorded'), {
        expectedRevision: NO_STREAM,
      });
      const everything = (await readAllReaching(store, head)).events;
      const expectOnly = (result: { events: RecordedEvent[] }, keep: (e: RecordedEvent) => boolean): void => {
        expect(result.events.map((e) => e.eventId)).toEqual(everything.filter(keep).map((e) => e.eventId));
      };

      const byPrefix = await store.readAll({ filter: { streamPrefixes: ['case_x-'] } });
      expectOnly(byPrefix, (e) => cases.includes(e.streamId));
      expect(byPrefix.checkedUpTo).toEqual(head);

      const twoPrefixes = await store.readAll({ filter: { streamPrefixes: ['referral-', 'case%x-'] } });
      expectOnly(twoPrefixes, (e) => e.streamId === referral || e.streamId === percent);

      const byType = await store.readAll({ filter: { eventTypes: ['CaseNoteAdded', 'ReferralSent'] } });
      expectOnly(byType, (e) => e.type === 'CaseNoteAdded' || e.type === 'ReferralSent');
      expect(byType.checkedUpTo).toEqual(head);

      const both = await store.readAll({ filter: { streamPrefixes: ['case_x-'], eventTypes: ['CaseOpened'] } });
      expectOnly(both, (e) => cases.includes(e.streamId) && e.type === 'CaseOpened');

      const nothing = await store.readAll({ filter: { eventTypes: ['NeverHappened'] } });
      expect(nothing.events).toEqual([]);
      expect(nothing.checkedUpTo).toEqual(head);

      // Filtered paging still sees every match once, and resumes past skipped events.
      const matched: RecordedEvent[] = [];
      let after: LogPosition = LOG_START;
      for (let guard = 0; guard < 20; guard++) {
        const page = await store.readAll({ after, maxCount: 1, filter: { eventTypes: ['CaseOpened'] } });
        if (page.events.length === 0) {
          expect(page.checkedUpTo).toEqual(head);
          break;
        }
        const last = logPositionOf(page.events[0]!);
        expect(compareLogPositions(page.checkedUpTo, last)).toBeGreaterThanOrEqual(0);
        // It must not claim to have examined the next match.
        const nextMatch = everything.find(
          (e) => e.type === 'CaseOpened' && compareLogPositions(logPositionOf(e), last) > 0,
        );
        if (nextMatch) expect(compareLogPositions(page.checkedUpTo, logPositionOf(nextMatch))).toBeLessThan(0);
        matched.push(...page.events);
        after = page.checkedUpTo;
      }
      expectOnly({ events: matched }, (e) => e.type === 'CaseOpened');
    });
  });
}
