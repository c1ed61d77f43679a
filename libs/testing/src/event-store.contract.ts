import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  compareLogPositions,
  LOG_START,
  logPositionOf,
  type Actor,
  type EventMetadata,
  type LogPosition,
  type NewEvent,
  type RecordedEvent,
} from '@pamoja/contracts';
import {
  ANY,
  EventIdConflictError,
  NO_STREAM,
  NO_STREAM_REVISION,
  STREAM_EXISTS,
  WrongExpectedRevisionError,
  type EventStore,
  type ExpectedRevision,
  type SqlEventStoreOptions,
  type SubscribeOptions,
  type Subscription,
} from '@pamoja/event-store';

/** What the contract needs from an adapter's test harness. */
export interface OpenedEventStore {
  readonly store: EventStore;
  /** Drops whatever the store created (its schema) and closes it. */
  readonly cleanup: () => Promise<void>;
}

/** Opens a fresh, empty store (its own schema) with the given test hooks. */
export type OpenEventStore = (hooks?: SqlEventStoreOptions['hooks']) => Promise<OpenedEventStore>;

// ---------------------------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------------------------

const ACTOR: Actor = {
  userId: randomUUID(),
  agencyId: randomUUID(),
  agencyType: 'assistance_provider',
  roles: ['caseworker', 'case_supervisor'],
};

function metadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  return {
    actor: ACTOR,
    correlationId: randomUUID(),
    causationId: null,
    jointCaseId: null,
    occurredAt: '2026-03-14T09:26:53.589Z',
    ...overrides,
  };
}

function newEvent(type = 'CaseOpened', data: unknown = { note: 'x' }, meta: Partial<EventMetadata> = {}): NewEvent {
  return { eventId: randomUUID(), type, schemaVersion: 1, data, metadata: metadata(meta) };
}

function newEvents(count: number, type = 'CaseNoteAdded'): NewEvent[] {
  return Array.from({ length: count }, (_, i) => newEvent(type, { i }));
}

function streamId(prefix = 'case'): string {
  return `${prefix}-${randomUUID()}`;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function positionString(p: LogPosition): string {
  return `(${p.transactionId}, ${p.globalPosition})`;
}

/** Waits until `condition` holds, failing with `what` after `timeoutMs`. */
async function eventually(what: string, condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(5);
  }
}

/** Settles like `promise`, or fails after `timeoutMs` naming `what`. */
async function within<T>(what: string, promise: Promise<T>, timeoutMs = 15_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Returns what the promise rejected with, failing if it resolved. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  let value: unknown;
  try {
    value = await promise;
  } catch (error: unknown) {
    return error;
  }
  throw new Error(`expected a rejection, but it resolved with ${JSON.stringify(value)}`);
}

async function expectWrongRevision(
  append: Promise<unknown>,
  stream: string,
  expected: ExpectedRevision,
  actual: number,
): Promise<void> {
  const error = await rejectionOf(append);
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  const wrong = error as WrongExpectedRevisionError;
  expect({ streamId: wrong.streamId, expected: wrong.expected, actual: wrong.actual }).toEqual({
    streamId: stream,
    expected,
    actual,
  });
}

/** Every event in the log, paging with checkedUpTo. */
async function readWholeLog(store: EventStore, pageSize = 1000): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  let after: LogPosition = LOG_START;
  for (;;) {
    const page = await store.readAll({ after, maxCount: pageSize });
    all.push(...page.events);
    if (page.events.length === 0) return all;
    after = page.checkedUpTo;
  }
}

/** A picture of the whole store, to show that a refused append wrote nothing. */
async function snapshot(store: EventStore): Promise<{ ids: string[]; head: LogPosition }> {
  const events = await readWholeLog(store);
  return { ids: events.map((e) => e.eventId), head: await store.headPosition() };
}

function expectStrictlyIncreasing(events: readonly RecordedEvent[]): void {
  for (let i = 1; i < events.length; i++) {
    const previous = logPositionOf(events[i - 1]!);
    const current = logPositionOf(events[i]!);
    if (compareLogPositions(previous, current) >= 0) {
      throw new Error(
        `events out of log order at index ${i}: ${positionString(previous)} then ${positionString(current)}`,
      );
    }
  }
}

/** A subscription that records what it is handed and every contract breach it sees. */
interface Collector {
  readonly subscription: Subscription;
  readonly events: RecordedEvent[];
  readonly batches: RecordedEvent[][];
  /** Duplicates, out-of-order deliveries, checkedUpTo behind its batch. Empty when all is well. */
  readonly violations: string[];
  readonly caughtUpAt: LogPosition[];
  /** Set when `done` settled; `error` when it rejected. */
  readonly outcome: { settled: boolean; error?: unknown };
  /** Waits until at least `count` events were delivered; fails early if the subscription died. */
  waitForCount(count: number, timeoutMs?: number): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------
// The contract
// ---------------------------------------------------------------------------------------------------------------

/**
 * The behaviour every EventStore adapter must show (after Emmett's testAggregateStream). Each test opens a
 * fresh store through `open` and cleans it up afterwards.
 */
export function describeEventStoreContract(name: string, open: OpenEventStore): void {
  describe(`EventStore contract: ${name}`, () => {
    let opened: OpenedEventStore[] = [];
    let subscriptions: Subscription[] = [];
    let store: EventStore;

    async function openStore(hooks?: SqlEventStoreOptions['hooks']): Promise<EventStore> {
      const harness = await open(hooks);
      opened.push(harness);
      return harness.store;
    }

    function collect(on: EventStore, options: Omit<SubscribeOptions, 'onEvents'> = {}): Collector {
      const events: RecordedEvent[] = [];
      const batches: RecordedEvent[][] = [];
      const violations: string[] = [];
      const caughtUpAt: LogPosition[] = [];
      const seen = new Set<string>();
      const outcome: { settled: boolean; error?: unknown } = { settled: false };
      let last: LogPosition | undefined;
      const subscription = on.subscribeToAll({
        ...options,
        onEvents: (batch, checkedUpTo) => {
          batches.push(batch);
          for (const event of batch) {
            const position = logPositionOf(event);
            if (seen.has(event.eventId))
              violations.push(`delivered twice: ${event.eventId} at ${positionString(position)}`);
            seen.add(event.eventId);
            if (last && compareLogPositions(last, position) >= 0) {
              violations.push(`out of order: ${positionString(position)} after ${positionString(last)}`);
            }
            last = position;
            events.push(event);
          }
          if (last && compareLogPositions(checkedUpTo, last) < 0) {
            violations.push(
              `checkedUpTo ${positionString(checkedUpTo)} behind its batch's last event ${positionString(last)}`,
            );
          }
          return Promise.resolve();
        },
        onCaughtUp: (position) => {
          caughtUpAt.push(position);
        },
      });
      subscriptions.push(subscription);
      subscription.done.then(
        () => {
          outcome.settled = true;
        },
        (error: unknown) => {
          outcome.settled = true;
          outcome.error = error;
        },
      );
      return {
        subscription,
        events,
        batches,
        violations,
        caughtUpAt,
        outcome,
        waitForCount: (count, timeoutMs) =>
          eventually(
            `${count} delivered events (have ${events.length})`,
            () => {
              if (outcome.error !== undefined) throw new Error('the subscription failed', { cause: outcome.error });
              return events.length >= count;
            },
            timeoutMs,
          ),
      };
    }

    beforeEach(async () => {
      store = await openStore();
    });

    afterEach(async () => {
      const subs = subscriptions;
      const harnesses = opened;
      subscriptions = [];
      opened = [];
      await Promise.allSettled(subs.map((s) => s.stop()));
      for (const harness of harnesses.reverse()) await harness.cleanup();
    });

    // -----------------------------------------------------------------------------------------------------------
    describe('expected revision', () => {
      it('NO_STREAM appends to a stream that does not exist', async () => {
        const id = streamId();
        const result = await store.appendToStream(id, newEvents(2), { expectedRevision: NO_STREAM });
        expect(result.nextExpectedRevision).toBe(1);
        expect(result.idempotentReplay).toBe(false);
        expect(await store.streamRevision(id)).toBe(1);
      });

      it('NO_STREAM fails on an existing stream, reports its revision and writes nothing', async () => {
        const id = streamId();
        await store.appendToStream(id, newEvents(3), { expectedRevision: NO_STREAM });
        const before = await snapshot(store);
        const refused = newEvent();
        await expectWrongRevision(
          store.appendToStream(id, [refused], { expectedRevision: NO_STREAM }),
          id,
          NO_STREAM,
          2,
        );
        expect(await snapshot(store)).toEqual(before);
        expect(await store.findEvent(refused.eventId)).toBeUndefined();
        expect(await store.streamRevision(id)).toBe(2);
      });

      it('STREAM_EXISTS fails on a missing stream with actual -1 and writes nothing', async () => {
        const id = streamId();
        await store.appendToStream(streamId(), newEvents(1), { expectedRevision: NO_STREAM });
        const before = await snapshot(store);
        const refused = newEvent();
        await expectWrongRevision(
          store.appendToStream(id, [refused], { expectedRevision: STREAM_EXISTS }),
          id,
          STREAM_EXISTS,
          NO_STREAM_REVISION,
        );
        expect(await snapshot(store)).toEqual(before);
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
        await store.appendToStream(id, newEvents(3), { expectedRevision: NO_STREAM });
        const before = await snapshot(store);
        for (const expected of [0, 1, 3, 7]) {
          const refused = newEvent();
          await expectWrongRevision(
            store.appendToStream(id, [refused], { expectedRevision: expected }),
            id,
            expected,
            2,
          );
          expect(await store.findEvent(refused.eventId)).toBeUndefined();
        }
        expect(await snapshot(store)).toEqual(before);
      });

      it('an exact revision on a missing stream fails with actual -1 and writes nothing', async () => {
        const id = streamId();
        const before = await snapshot(store);
        await expectWrongRevision(
          store.appendToStream(id, newEvents(2), { expectedRevision: 0 }),
          id,
          0,
          NO_STREAM_REVISION,
        );
        expect(await snapshot(store)).toEqual(before);
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

    // -----------------------------------------------------------------------------------------------------------
    describe('envelope', () => {
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
        expect((await store.readAll()).events).toEqual(all);
      });
    });

    // -----------------------------------------------------------------------------------------------------------
    describe('reading', () => {
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

        expect(revisions(await store.readStream(id, { direction: 'backwards' }))).toEqual([
          9, 8, 7, 6, 5, 4, 3, 2, 1, 0,
        ]);
        expect(revisions(await store.readStream(id, { direction: 'backwards', maxCount: 1 }))).toEqual([9]);
        expect(revisions(await store.readStream(id, { direction: 'backwards', fromRevision: 5, maxCount: 3 }))).toEqual(
          [5, 4, 3],
        );
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

      it('headPosition is the start on an empty log and the last append after that', async () => {
        expect(await store.headPosition()).toEqual(LOG_START);
        const first = await store.appendToStream(streamId(), newEvents(2), { expectedRevision: NO_STREAM });
        expect(await store.headPosition()).toEqual(first.position);
        const second = await store.appendToStream(streamId(), newEvents(1), { expectedRevision: NO_STREAM });
        expect(compareLogPositions(second.position, first.position)).toBeGreaterThan(0);
        expect(await store.headPosition()).toEqual(second.position);
      });

      it('readAll reads the log in order, strictly after a position, with a maximum count', async () => {
        const empty = await store.readAll();
        expect(empty.events).toEqual([]);
        expect(empty.checkedUpTo).toEqual(LOG_START);

        const a = streamId();
        const b = streamId('referral');
        const appended: NewEvent[] = [];
        for (const [id, count] of [
          [a, 2],
          [b, 3],
          [a, 1],
          [b, 1],
        ] as const) {
          const events = newEvents(count);
          appended.push(...events);
          await store.appendToStream(id, events, { expectedRevision: ANY });
        }

        const all = await store.readAll();
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
        await store.appendToStream(streamId('audit'), newEvents(3, 'AuditRecorded'), { expectedRevision: NO_STREAM });
        const head = await store.headPosition();
        const everything = (await store.readAll()).events;
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

    // -----------------------------------------------------------------------------------------------------------
    describe('idempotent retry', () => {
      it('appending the same event ids again returns the first result and stores nothing twice', async () => {
        const id = streamId();
        const events = newEvents(3);
        const first = await store.appendToStream(id, events, { expectedRevision: NO_STREAM });
        const before = await snapshot(store);

        // The retry's expectation is stale now, and must not matter.
        for (const expectedRevision of [
          NO_STREAM,
          NO_STREAM_REVISION,
          ANY,
          2,
          0,
          STREAM_EXISTS,
        ] as ExpectedRevision[]) {
          const retry = await store.appendToStream(id, events, { expectedRevision });
          expect(retry).toEqual({ ...first, idempotentReplay: true });
        }
        expect(await snapshot(store)).toEqual(before);

        // Still the first result after the stream moved on.
        await store.appendToStream(id, newEvents(2), { expectedRevision: 2 });
        const late = await store.appendToStream(id, events, { expectedRevision: NO_STREAM });
        expect(late).toEqual({ ...first, idempotentReplay: true });
        expect((await store.readStream(id)).map((e) => e.streamRevision)).toEqual([0, 1, 2, 3, 4]);
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
        await store.appendToStream(id, events, { expectedRevision: NO_STREAM });
        const before = await snapshot(store);
        for (const expectedRevision of [ANY, NO_STREAM] as ExpectedRevision[]) {
          const error = await rejectionOf(store.appendToStream(elsewhere, events, { expectedRevision }));
          expect(error).toBeInstanceOf(EventIdConflictError);
          expect((error as EventIdConflictError).streamId).toBe(elsewhere);
          expect((error as EventIdConflictError).eventIds).toEqual(expect.arrayContaining([events[0]!.eventId]));
        }
        expect(await snapshot(store)).toEqual(before);
        expect(await store.streamRevision(elsewhere)).toBe(NO_STREAM_REVISION);
      });

      it('a partial overlap with stored event ids is a conflict and writes nothing', async () => {
        const id = streamId();
        const events = newEvents(2);
        const first = await store.appendToStream(id, events, { expectedRevision: NO_STREAM });
        const before = await snapshot(store);
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
        expect(await snapshot(store)).toEqual(before);
        expect(await store.findEvent(fresh.eventId)).toBeUndefined();
      });
    });

    // -----------------------------------------------------------------------------------------------------------
    describe('concurrency', () => {
      it('concurrent writers with exact expected revisions lose nothing, and a live subscriber sees every event once, in order', async () => {
        const WRITERS = 8;
        const PER_WRITER = 200;
        const STREAMS = 20;
        const TOTAL = WRITERS * PER_WRITER;
        const streams = Array.from({ length: STREAMS }, (_, i) => streamId(`load${i}`));
        const collector = collect(store, { batchSize: 100 });
        const written = new Map<string, string>();
        let conflicts = 0;

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

    // -----------------------------------------------------------------------------------------------------------
    describe('subscriptions', () => {
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
        for (let i = 0; i < 5; i++)
          await store.appendToStream(streamId(), newEvents(5), { expectedRevision: NO_STREAM });
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
        subscriptions.push(subscription);
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
  });
}
