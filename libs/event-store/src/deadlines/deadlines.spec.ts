import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { type RecordedEvent } from '@pamoja/contracts';
import { ANY } from '../event-store.port.js';
import { ProjectionRunner } from '../projections/projection-runner.js';
import { PgliteDatabase } from '../sql/pglite-database.js';
import { SqlEventStore } from '../sql/sql-event-store.js';
import { DeadlineWatcher } from './deadline-watcher.js';
import { deadlinesProjection, dueDeadlines, type DeadlineRule, type DueDeadline } from './deadlines.js';

const metadata = {
  actor: { userId: 'u1', agencyId: 'ngo-1', agencyType: 'first_responder' as const, roles: ['field_worker'] },
  correlationId: 'c',
  causationId: null,
  jointCaseId: 'case-1',
  occurredAt: '2026-03-01T08:00:00.000Z',
};

const handoffRule: DeadlineRule = {
  kind: 'handoff',
  eventTypes: ['HandoffSent', 'HandoffAnswered', 'HandoffMissed'],
  opened: (e: RecordedEvent) =>
    e.type === 'HandoffSent'
      ? [
          {
            key: `handoff:${e.streamId}`,
            kind: 'handoff',
            dueAt: (e.data as { dueBy: string }).dueBy,
            streamId: e.streamId,
            jointCaseId: e.metadata.jointCaseId,
            agencyId: 'pnc-1',
          },
        ]
      : [],
  closed: (e: RecordedEvent) => (e.type === 'HandoffSent' ? [] : [`handoff:${e.streamId}`]),
};

describe('deadlines', () => {
  let db: PgliteDatabase;
  let store: SqlEventStore;
  let runner: ProjectionRunner;
  let now: Date;
  const raised: DueDeadline[] = [];

  const send = (stream: string, type: string, data: unknown) =>
    store.appendToStream(stream, [{ eventId: randomUUID(), type, schemaVersion: 1, data, metadata }], {
      expectedRevision: ANY,
    });
  const settle = async () => runner.waitFor(await store.headPosition(), 5000);

  beforeEach(async () => {
    raised.length = 0;
    now = new Date('2026-03-01T09:00:00Z');
    db = await PgliteDatabase.open();
    store = await SqlEventStore.open(db, { pollIntervalMs: 20 });
    runner = new ProjectionRunner(store, db, [deadlinesProjection([handoffRule])]);
    await runner.start();
  });

  afterEach(async () => {
    await runner.stop();
    await store.close();
    await db.close();
  });

  function watcher(): DeadlineWatcher {
    return new DeadlineWatcher({
      db,
      now: () => now,
      // Like a real handler: record the miss in the stream, which closes the deadline.
      onDue: async (d) => {
        raised.push(d);
        await send(d.streamId, 'HandoffMissed', {});
      },
    });
  }

  it('raises a deadline once its time has passed, and only deadlines nobody answered', async () => {
    await send('handoff-a', 'HandoffSent', { dueBy: '2026-03-01T10:00:00Z' });
    await send('handoff-b', 'HandoffSent', { dueBy: '2026-03-01T10:00:00Z' });
    await send('handoff-b', 'HandoffAnswered', {});
    await send('handoff-c', 'HandoffSent', { dueBy: '2026-03-05T10:00:00Z' });
    await settle();
    const w = watcher();

    expect(await w.tick()).toBe(0);
    now = new Date('2026-03-01T10:00:01Z');
    expect(await w.tick()).toBe(1);
    expect(raised.map((d) => d.key)).toEqual(['handoff:handoff-a']);
    expect(raised[0]).toMatchObject({ kind: 'handoff', jointCaseId: 'case-1', agencyId: 'pnc-1' });
  });

  it('never raises the same deadline twice once the miss is recorded, also after a restart', async () => {
    await send('handoff-d', 'HandoffSent', { dueBy: '2026-03-01T08:30:00Z' });
    await settle();
    await watcher().tick();
    await settle();
    expect(await dueDeadlines(db, now)).toEqual([]);

    // A new watcher (a restarted platform) finds nothing left to raise.
    expect(await watcher().tick()).toBe(0);
    expect(raised).toHaveLength(1);
  });

  it('is rebuilt from the log like any read model', async () => {
    await send('handoff-e', 'HandoffSent', { dueBy: '2026-03-01T08:30:00Z' });
    await send('handoff-f', 'HandoffSent', { dueBy: '2026-03-01T08:40:00Z' });
    await send('handoff-f', 'HandoffAnswered', {});
    await settle();
    await runner.stop();
    await runner.rebuild('platform.deadlines');
    expect((await dueDeadlines(db, now)).map((d) => d.key)).toEqual(['handoff:handoff-e']);
  });

  it('closes by prefix only the keys that start with it, letter for letter, by page and one event at a time', async () => {
    // A rule whose closing event knows only the start of the key (as a hearing held knows its hearing, not the date
    // its deadline was last moved to). Its prefixes hold LIKE's wildcards, which must match only themselves.
    const prefixRule: DeadlineRule = {
      kind: 'slot',
      eventTypes: ['SlotOpened', 'SlotsClosed'],
      opened: (e) =>
        e.type === 'SlotOpened'
          ? [
              {
                key: (e.data as { key: string }).key,
                kind: 'slot',
                dueAt: '2026-03-01T08:30:00Z',
                streamId: e.streamId,
                jointCaseId: null,
                agencyId: 'pnc-1',
              },
            ]
          : [],
      closed: () => [],
      closedPrefixes: (e) => (e.type === 'SlotsClosed' ? [(e.data as { prefix: string }).prefix] : []),
    };
    const keys = ['slot:a_b:1', 'slot:aXb:1', 'slot:a%:1', 'slot:a%b:2', 'slot:a\\c:1', 'slot:a\\\\c:1', 'other:a_b:1'];
    const closing = ['slot:a_b:', 'slot:a%:', 'slot:a\\c'];
    // Only these stay open: each of them differs from every closing prefix by a wildcard or an escape.
    const open = ['slot:aXb:1', 'slot:a%b:2', 'slot:a\\\\c:1', 'other:a_b:1'];
    const projection = deadlinesProjection([prefixRule], 'test.slots');
    const slots = new ProjectionRunner(store, db, [projection]);
    await slots.start();
    for (const key of keys) await send(`slot-${key}`, 'SlotOpened', { key });
    for (const prefix of closing) await send('slots', 'SlotsClosed', { prefix });
    await slots.waitFor(await store.headPosition(), 5000);
    const openKeys = async () =>
      (
        await db.query<{ key: string }>(
          `SELECT key FROM deadlines_read.deadlines WHERE kind = 'slot' AND closed_at IS NULL`,
        )
      )
        .map((r) => r.key)
        .sort();
    // By page, as the runner applies the log live and in a rebuild.
    expect(await openKeys()).toEqual([...open].sort());
    await slots.stop();
    await slots.rebuild('test.slots');
    expect(await openKeys()).toEqual([...open].sort());
    // One event at a time, as an event carrying its writer's trace is applied.
    await db.transaction((tx) => projection.reset(tx));
    const { events } = await store.readAll({ filter: projection.filter });
    for (const event of events) await db.transaction((tx) => projection.apply(tx, event));
    expect(await openKeys()).toEqual([...open].sort());
  });
});
