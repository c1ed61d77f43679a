import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from '@jest/globals';
import { compareLogPositions, type LogPosition } from '@pamoja/contracts';
import { ANY, type SqlEventStore } from '@pamoja/event-store';
import { headReaching, newEvent, within } from './harness.js';

/** A store whose filtered reads examine `filterWindow` events of the log per statement. */
export type OpenWindowedStore = (
  filterWindow: number,
) => Promise<{ store: SqlEventStore; cleanup: () => Promise<void> }>;

const positionOf = (e: LogPosition): LogPosition => ({
  transactionId: e.transactionId,
  globalPosition: e.globalPosition,
});

/**
 * A filtered read of the SQL log goes a window of the log at a time, so that its cost does not depend on the
 * planner's estimate of how many events match. Seen from the port nothing changes: a page is still full unless
 * the read reached the head, every matching event comes once and in order, and `checkedUpTo` is where the next
 * read resumes. A window of 3 events crosses many windows on a log of 23.
 */
export function filteredReadWindows(name: string, open: OpenWindowedStore): void {
  describe(`${name}: filtered reads a window of the log at a time`, () => {
    let cleanup: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await cleanup?.();
      cleanup = undefined;
    });

    const writeLog = async (store: SqlEventStore) => {
      const id = randomUUID().slice(0, 8);
      const rare: LogPosition[] = [];
      let last: LogPosition | undefined;
      for (let i = 0; i < 23; i += 1) {
        const isRare = i === 1 || i === 9 || i === 22;
        const written = await store.appendToStream(
          isRare ? `rare_${id}-${String(i)}` : `noise_${id}`,
          [newEvent(isRare ? `Rare${id}` : 'Noise')],
          { expectedRevision: ANY },
        );
        if (isRare) rare.push(written.position);
        last = written.position;
      }
      // The head once it shows this test's writes: another test's open transaction on the same server may hold the
      // horizon back for a moment (ADR 0003).
      return { id, rare, head: last ? await headReaching(store, last) : await store.headPosition() };
    };

    it('reads every matching event past many windows, in order, and a short page still means the head', async () => {
      const opened = await open(3);
      cleanup = opened.cleanup;
      const { store } = opened;
      const { id, rare, head } = await writeLog(store);

      const all = await store.readAll({ filter: { eventTypes: [`Rare${id}`] } });
      expect(all.events.map(positionOf)).toEqual(rare);
      expect(all.checkedUpTo).toEqual(head);

      const byPrefix = await store.readAll({ filter: { streamPrefixes: [`rare_${id}-`] } });
      expect(byPrefix.events.map(positionOf)).toEqual(rare);

      // Pages of two: full, then short at the head, resuming where the first stopped.
      const first = await store.readAll({ filter: { eventTypes: [`Rare${id}`] }, maxCount: 2 });
      expect(first.events.map(positionOf)).toEqual(rare.slice(0, 2));
      expect(first.checkedUpTo).toEqual(rare[1]);
      const second = await store.readAll({
        after: first.checkedUpTo,
        filter: { eventTypes: [`Rare${id}`] },
        maxCount: 2,
      });
      expect(second.events.map(positionOf)).toEqual(rare.slice(2));
      expect(second.checkedUpTo).toEqual(head);

      // Nothing matches: an empty page, examined to the head.
      const none = await store.readAll({ filter: { eventTypes: ['NeverHappened'] } });
      expect(none).toEqual({ events: [], checkedUpTo: head });
      // From the head itself, nothing and no move.
      expect(await store.readAll({ after: head, filter: { eventTypes: [`Rare${id}`] } })).toEqual({
        events: [],
        checkedUpTo: head,
      });
    });

    it('delivers the matching events to a filtered subscription, and its position reaches the head', async () => {
      const opened = await open(3);
      cleanup = opened.cleanup;
      const { store } = opened;
      const { id, rare, head } = await writeLog(store);
      const seen: LogPosition[] = [];
      let caughtUp: LogPosition | undefined;
      const subscription = store.subscribeToAll({
        filter: { eventTypes: [`Rare${id}`] },
        onEvents: (events) => {
          seen.push(...events.map(positionOf));
          return Promise.resolve();
        },
        onCaughtUp: (position) => {
          caughtUp = position;
        },
      });
      try {
        await within(
          'the subscription reaching the head',
          (async () => {
            while (!caughtUp || compareLogPositions(caughtUp, head) < 0) await new Promise((r) => setTimeout(r, 10));
          })(),
        );
        expect(seen).toEqual(rare);
      } finally {
        await subscription.stop();
      }
    });
  });
}
