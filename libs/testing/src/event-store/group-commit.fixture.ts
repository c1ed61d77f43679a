import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from '@jest/globals';
import { type EventMetadata, type NewEvent } from '@pamoja/contracts';
import {
  EventIdConflictError,
  NO_STREAM,
  verifyLog,
  WrongExpectedRevisionError,
  type AppendResult,
  type GroupCommitOptions,
  type SqlEventStore,
} from '@pamoja/event-store';
import { headReaching } from './contract/harness.js';

export interface OpenedGroupCommitStore {
  readonly store: SqlEventStore;
  readonly cleanup: () => Promise<void>;
}

const metadata = (): EventMetadata => ({
  actor: { userId: randomUUID(), agencyId: randomUUID(), agencyType: 'police', roles: ['investigator'] },
  correlationId: randomUUID(),
  causationId: null,
  jointCaseId: null,
  occurredAt: '2026-12-06T08:00:00.000Z',
});

const events = (count: number, label: string): NewEvent[] =>
  Array.from({ length: count }, (_, i) => ({
    eventId: randomUUID(),
    type: 'CaseNoteAdded',
    schemaVersion: 1,
    data: { label, i, note: 'Visited the site with the inspector; two children sent home.' },
    metadata: metadata(),
  }));

function settle<T>(promise: Promise<T>): Promise<{ ok: T } | { error: unknown }> {
  return promise.then(
    (ok) => ({ ok }),
    (error: unknown) => ({ error }),
  );
}

/**
 * Group commit (ADR 0032): appends that arrive while others are in flight are written together, and each still
 * gets the answer it would have had alone.
 */
export function describeGroupCommit(
  name: string,
  openWith: (groupCommit: GroupCommitOptions) => Promise<OpenedGroupCommitStore>,
): void {
  describe(`group commit: ${name}`, () => {
    // Two appends in flight, the rest grouped: the tests below count on that.
    const open = () => openWith({ maxInFlight: 2, maxGroup: 64 });
    let opened: OpenedGroupCommitStore | undefined;
    afterEach(async () => {
      await opened?.cleanup();
      opened = undefined;
    });

    it('many writers at once: groups form, every append lands once with its own revisions, and the chains verify', async () => {
      opened = await open();
      const { store } = opened;
      const streams = Array.from({ length: 24 }, (_, i) => `case-${i}-${randomUUID()}`);
      // Every second append is a batch of three, so groups mix single events and batches.
      const written = streams.map((id, i) => ({ id, events: events(i % 2 === 0 ? 1 : 3, id) }));
      const first = await Promise.all(
        written.map((w) => store.appendToStream(w.id, w.events, { expectedRevision: NO_STREAM })),
      );
      // And again, with exact revisions, so the chains continue across groups.
      const more = written.map((w) => events(2, `${w.id}-more`));
      const second = await Promise.all(
        written.map((w, i) =>
          store.appendToStream(w.id, more[i]!, { expectedRevision: first[i]!.nextExpectedRevision }),
        ),
      );

      expect(store.groupCommitStats().groups).toBeGreaterThan(0);
      expect(store.groupCommitStats().appends).toBeGreaterThan(store.groupCommitStats().groups);
      for (const [i, w] of written.entries()) {
        expect(first[i]).toMatchObject({ nextExpectedRevision: w.events.length - 1, idempotentReplay: false });
        expect(second[i]).toMatchObject({ nextExpectedRevision: w.events.length + 1, idempotentReplay: false });
        const stored = await store.readStream(w.id);
        expect(stored.map((e) => e.eventId)).toEqual([...w.events, ...more[i]!].map((e) => e.eventId));
        expect(stored.map((e) => e.streamRevision)).toEqual(stored.map((_, r) => r));
        // The answer's position is the stream's last event's position.
        const last = stored.at(-1)!;
        expect(second[i]!.position).toEqual({ transactionId: last.transactionId, globalPosition: last.globalPosition });
      }
      // Verification reads up to the log's horizon, which another file's transaction may hold back a moment.
      for (const answer of second) await headReaching(store, answer.position);
      const report = await verifyLog(store);
      expect(report.breaks).toEqual([]);
      expect(report.intact).toBe(true);
      expect(report.events).toBe(written.reduce((n, w) => n + w.events.length + 2, 0));
    });

    it('a stale expectation inside a group writes nothing for its stream and fails alone; the rest of the group lands', async () => {
      opened = await open();
      const { store } = opened;
      const stale = `case-stale-${randomUUID()}`;
      await store.appendToStream(stale, events(2, 'stale'), { expectedRevision: NO_STREAM });
      const fresh = Array.from({ length: 12 }, (_, i) => ({
        id: `case-fresh-${i}-${randomUUID()}`,
        events: events(1, 'f'),
      }));
      const refused = events(1, 'refused');
      // The first two appends of the rush go alone; the stale one queues and is grouped with the other ten.
      const answers = await Promise.all([
        ...fresh.slice(0, 2).map((f) => settle(store.appendToStream(f.id, f.events, { expectedRevision: NO_STREAM }))),
        settle(store.appendToStream(stale, refused, { expectedRevision: 0 })),
        ...fresh.slice(2).map((f) => settle(store.appendToStream(f.id, f.events, { expectedRevision: NO_STREAM }))),
      ]);
      const staleAnswer = answers.splice(2, 1)[0]!;

      expect(store.groupCommitStats().groups).toBe(1);
      expect(store.groupCommitStats().appends).toBe(11);
      expect('error' in staleAnswer && staleAnswer.error).toBeInstanceOf(WrongExpectedRevisionError);
      expect((staleAnswer as { error: WrongExpectedRevisionError }).error.actual).toBe(1);
      expect(await store.findEvent(refused[0]!.eventId)).toBeUndefined();
      expect(await store.streamRevision(stale)).toBe(1);
      for (const [i, answer] of answers.entries()) {
        expect(answer).toEqual({ ok: expect.objectContaining({ nextExpectedRevision: 0, idempotentReplay: false }) });
        expect((await store.readStream(fresh[i]!.id)).map((e) => e.eventId)).toEqual([fresh[i]!.events[0]!.eventId]);
      }
      expect((await verifyLog(store)).intact).toBe(true);
    });

    it('a retried append and a reused event id in a group: the group falls back, each gets its own answer, the rest land', async () => {
      opened = await open();
      const { store } = opened;
      const retried = `case-retried-${randomUUID()}`;
      const reuser = `case-reuser-${randomUUID()}`;
      const retriedEvents = events(1, 'retried');
      const retriedFirst = await store.appendToStream(retried, retriedEvents, { expectedRevision: NO_STREAM });
      const fresh = Array.from({ length: 12 }, (_, i) => ({
        id: `case-fresh-${i}-${randomUUID()}`,
        events: events(1, 'f'),
      }));
      const reused = [...events(1, 'new'), retriedEvents[0]!];

      const answers = await Promise.all([
        ...fresh.slice(0, 2).map((f) => settle(store.appendToStream(f.id, f.events, { expectedRevision: NO_STREAM }))),
        settle(store.appendToStream(retried, retriedEvents, { expectedRevision: NO_STREAM })),
        settle(store.appendToStream(reuser, reused, { expectedRevision: NO_STREAM })),
        ...fresh.slice(2).map((f) => settle(store.appendToStream(f.id, f.events, { expectedRevision: NO_STREAM }))),
      ]);
      const [retriedAnswer, reuserAnswer] = answers.splice(2, 2);

      expect(retriedAnswer).toEqual({ ok: { ...retriedFirst, idempotentReplay: true } });
      expect('error' in reuserAnswer! && reuserAnswer.error).toBeInstanceOf(EventIdConflictError);
      expect(await store.readStream(reuser)).toEqual([]);
      expect(await store.findEvent(reused[0]!.eventId)).toBeUndefined();
      for (const [i, answer] of answers.entries()) {
        expect(answer).toEqual({ ok: expect.objectContaining({ nextExpectedRevision: 0, idempotentReplay: false }) });
        const stored = await store.readStream(fresh[i]!.id);
        expect(stored.map((e) => e.eventId)).toEqual([fresh[i]!.events[0]!.eventId]);
        const position = (answer as { ok: AppendResult }).ok.position;
        expect(position).toEqual({
          transactionId: stored[0]!.transactionId,
          globalPosition: stored[0]!.globalPosition,
        });
      }
      expect(await store.streamRevision(retried)).toBe(0);
      expect((await verifyLog(store)).intact).toBe(true);
    });
  });
}
