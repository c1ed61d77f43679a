import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, expect } from '@jest/globals';
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
  openPostgresEventStore,
  WrongExpectedRevisionError,
  type EventStore,
  type ExpectedRevision,
  type SqlEventStore,
  type SqlEventStoreOptions,
  type SubscribeOptions,
  type Subscription,
} from '@pamoja/event-store';
import { TEST_DATABASE_URL } from '../../postgres.js';

/** What the contract needs from an adapter's test harness. */
export interface OpenedEventStore {
  readonly store: EventStore;
  /** Drops whatever the store created (its schema) and closes it. */
  readonly cleanup: () => Promise<void>;
}

/** Test hooks an adapter passes to the SQL store it is built on (the held-transaction test uses them). */
export type EventStoreTestHooks = SqlEventStoreOptions['hooks'];

/** Opens a fresh, empty store (its own schema) with the given test hooks. */
export type OpenEventStore = (hooks?: EventStoreTestHooks) => Promise<OpenedEventStore>;

// Fixtures
// ---------------------------------------------------------------------------------------------------------------

export const ACTOR: Actor = {
  userId: randomUUID(),
  agencyId: randomUUID(),
  agencyType: 'assistance_provider',
  roles: ['caseworker', 'case_supervisor'],
};

export function metadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  return {
    actor: ACTOR,
    correlationId: randomUUID(),
    causationId: null,
    jointCaseId: null,
    occurredAt: '2026-03-14T09:26:53.589Z',
    ...overrides,
  };
}

export function newEvent(
  type = 'CaseOpened',
  data: unknown = { note: 'x' },
  meta: Partial<EventMetadata> = {},
): NewEvent {
  return { eventId: randomUUID(), type, schemaVersion: 1, data, metadata: metadata(meta) };
}

export function newEvents(count: number, type = 'CaseNoteAdded'): NewEvent[] {
  return Array.from({ length: count }, (_, i) => newEvent(type, { i }));
}

export function streamId(prefix = 'case'): string {
  return `${prefix}-${randomUUID()}`;
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function positionString(p: LogPosition): string {
  return `(${p.transactionId}, ${p.globalPosition})`;
}

/**
 * The global log as read once it shows this test's own writes up to `position`. The log's order is gap-free
 * (ADR 0003): it shows nothing past the oldest transaction still running in the database cluster, so a
 * transaction of another test file running at the same time on the same PostgreSQL holds back what this one
 * reads, for as long as it runs. What this test wrote is there; it waits for the horizon, never for a write.
 */
export async function readAllReaching(
  store: EventStore,
  position: LogPosition,
  timeoutMs = 15_000,
): Promise<Awaited<ReturnType<EventStore['readAll']>>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await store.readAll();
    if (compareLogPositions(result.checkedUpTo, position) >= 0 || Date.now() > deadline) return result;
    await delay(20);
  }
}

/** The log's head once it reaches this test's own writes at `position` (see `readAllReaching`). */
export async function headReaching(store: EventStore, position: LogPosition, timeoutMs = 15_000): Promise<LogPosition> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const head = await store.headPosition();
    if (compareLogPositions(head, position) >= 0 || Date.now() > deadline) return head;
    await delay(20);
  }
}

/** Waits until `condition` holds, failing with `what` after `timeoutMs`. */
export async function eventually(what: string, condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(5);
  }
}

/** Settles like `promise`, or fails after `timeoutMs` naming `what`. */
export async function within<T>(what: string, promise: Promise<T>, timeoutMs = 15_000): Promise<T> {
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
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  let value: unknown;
  try {
    value = await promise;
  } catch (error: unknown) {
    return error;
  }
  throw new Error(`expected a rejection, but it resolved with ${JSON.stringify(value)}`);
}

export async function expectWrongRevision(
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
export async function readWholeLog(store: EventStore, pageSize = 1000): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  let after: LogPosition = LOG_START;
  for (;;) {
    const page = await store.readAll({ after, maxCount: pageSize });
    all.push(...page.events);
    if (page.events.length === 0) return all;
    after = page.checkedUpTo;
  }
}

/**
 * A picture of the whole store, to show that a refused append wrote nothing. It is taken once the log shows
 * this test's own writes up to `reaching` (see `readAllReaching`): a transaction of another test file can
 * hold the horizon back, and a picture taken before it moves would miss what this test wrote.
 */
export async function snapshot(
  store: EventStore,
  reaching: LogPosition,
): Promise<{ ids: string[]; head: LogPosition }> {
  const head = await headReaching(store, reaching);
  if (compareLogPositions(head, reaching) < 0) {
    throw new Error(`the log's head stayed at ${positionString(head)}, before this test's ${positionString(reaching)}`);
  }
  const events = await readWholeLog(store);
  return { ids: events.map((e) => e.eventId), head: await store.headPosition() };
}

export function expectStrictlyIncreasing(events: readonly RecordedEvent[]): void {
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
export interface Collector {
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

/** What a feature's tests work with: a fresh store per test, more on demand, and live subscriptions. */
export interface EventStoreHarness {
  /** The store opened for the current test. */
  readonly store: EventStore;
  /** Opens one more store (with test hooks); it is cleaned up after the test. */
  openStore(hooks?: EventStoreTestHooks): Promise<EventStore>;
  /** Subscribes to the whole log and records what it is handed; stopped after the test. */
  collect(on: EventStore, options?: Omit<SubscribeOptions, 'onEvents'>): Collector;
  /** Stops this subscription after the test. */
  track(subscription: Subscription): void;
}

/**
 * Registers the hooks that open a fresh store through `open` before each test and stop every subscription
 * and clean up every store after it. Call it inside a `describe`.
 */
export function useEventStoreHarness(open: OpenEventStore): EventStoreHarness {
  let opened: OpenedEventStore[] = [];
  let subscriptions: Subscription[] = [];
  let current: EventStore | undefined;

  async function openStore(hooks?: EventStoreTestHooks): Promise<EventStore> {
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
    current = await openStore();
  });

  afterEach(async () => {
    const subs = subscriptions;
    const harnesses = opened;
    subscriptions = [];
    opened = [];
    current = undefined;
    await Promise.allSettled(subs.map((s) => s.stop()));
    for (const harness of harnesses.reverse()) await harness.cleanup();
  });

  return {
    get store(): EventStore {
      if (!current) throw new Error('the store is opened before each test: use it inside a test');
      return current;
    },
    openStore,
    collect,
    track: (subscription) => {
      subscriptions.push(subscription);
    },
  };
}

/**
 * A fresh event store on the test PostgreSQL, in a schema of its own (`<prefix>_<random>`); `cleanup` drops the
 * schema and closes the store.
 */
export async function openPostgresTestStore(
  prefix: string,
  options: Omit<SqlEventStoreOptions, 'schema'> & { poolSize?: number } = {},
): Promise<{ store: SqlEventStore; cleanup: () => Promise<void> }> {
  const store = await openPostgresEventStore({
    connectionString: TEST_DATABASE_URL,
    schema: `${prefix}_${randomUUID().replaceAll('-', '')}`,
    poolSize: options.poolSize ?? 10,
    ...options,
  });
  return {
    store,
    cleanup: async () => {
      try {
        await store.dropSchema();
      } finally {
        await store.close();
      }
    },
  };
}
