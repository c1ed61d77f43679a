import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { type NewEvent, type RecordedEvent } from '@pamoja/contracts';
import { ANY } from '../event-store.port.js';
import { PgliteDatabase } from '../sql/pglite-database.js';
import { type SqlQueryable } from '../sql/sql-database.js';
import { SqlEventStore } from '../sql/sql-event-store.js';
import { type Projection } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';

const metadata = {
  actor: { userId: 'u1', agencyId: 'ngo-1', agencyType: 'first_responder' as const, roles: ['field_worker'] },
  correlationId: randomUUID(),
  causationId: null,
  jointCaseId: null,
  occurredAt: '2026-01-01T00:00:00.000Z',
};

function event(type: string): NewEvent {
  return { eventId: randomUUID(), type, schemaVersion: 1, data: {}, metadata };
}

/** Counts events per stream; fails on demand to show that a failed batch leaves nothing behind. */
function countingProjection(failOn: { remaining: number; type: string }): Projection {
  return {
    name: 'test.counts',
    schema: 'test_read',
    filter: { streamPrefixes: ['counted-'] },
    migrations: [
      {
        version: 1,
        name: 'counts',
        up: (s) => `CREATE TABLE ${s}.counts (stream_id text PRIMARY KEY, n integer NOT NULL);`,
      },
    ],
    async reset(tx: SqlQueryable) {
      await tx.query('TRUNCATE test_read.counts');
    },
    async apply(tx: SqlQueryable, e: RecordedEvent) {
      await tx.query(
        `INSERT INTO test_read.counts VALUES ($1, 1) ON CONFLICT (stream_id) DO UPDATE SET n = counts.n + 1`,
        [e.streamId],
      );
      if (e.type === failOn.type && failOn.remaining > 0) {
        failOn.remaining -= 1;
        throw new Error('poison');
      }
    },
  };
}

async function counts(db: PgliteDatabase): Promise<Record<string, number>> {
  const rows = await db.query<{ stream_id: string; n: number }>('SELECT stream_id, n FROM test_read.counts');
  return Object.fromEntries(rows.map((r) => [r.stream_id, r.n]));
}

describe('projection runner', () => {
  let db: PgliteDatabase;
  let store: SqlEventStore;

  beforeEach(async () => {
    db = await PgliteDatabase.open();
    store = await SqlEventStore.open(db, { pollIntervalMs: 50 });
  });

  afterEach(async () => {
    await store.close();
    await db.close();
  });

  it('applies each event once, across restarts, with its checkpoint in the same transaction', async () => {
    const failOn = { remaining: 0, type: 'never' };
    await store.appendToStream('counted-a', [event('A'), event('A')], { expectedRevision: ANY });
    await store.appendToStream('ignored-b', [event('B')], { expectedRevision: ANY });

    const first = new ProjectionRunner(store, db, [countingProjection(failOn)]);
    await first.start();
    const head = await store.headPosition();
    expect(await first.waitFor(head, 5000)).toBe(true);
    await first.stop();
    expect(await counts(db)).toEqual({ 'counted-a': 2 });

    await store.appendToStream('counted-a', [event('A')], { expectedRevision: ANY });
    const second = new ProjectionRunner(store, db, [countingProjection(failOn)]);
    await second.start();
    expect(await second.waitFor(await store.headPosition(), 5000)).toBe(true);
    await second.stop();
    expect(await counts(db)).toEqual({ 'counted-a': 3 });
  });

  it('rolls a failing batch back whole and retries it from the checkpoint without skipping', async () => {
    const failOn = { remaining: 2, type: 'Poison' };
    const runner = new ProjectionRunner(store, db, [countingProjection(failOn)]);
    await store.appendToStream('counted-x', [event('A'), event('Poison'), event('A')], { expectedRevision: ANY });
    await runner.start();
    expect(await runner.waitFor(await store.headPosition(), 10_000)).toBe(true);
    expect(failOn.remaining).toBe(0);
    expect(runner.status()[0]).toMatchObject({ name: 'test.counts', state: 'live', lastError: undefined });
    await runner.stop();
    expect(await counts(db)).toEqual({ 'counted-x': 3 });
  });

  it('rebuilds from position 0 to the same rows, reporting progress', async () => {
    const failOn = { remaining: 0, type: 'never' };
    for (let i = 0; i < 30; i++) {
      await store.appendToStream(`counted-${i % 3}`, [event('A')], { expectedRevision: ANY });
    }
    const runner = new ProjectionRunner(store, db, [countingProjection(failOn)]);
    await runner.start();
    await runner.waitFor(await store.headPosition(), 5000);
    await runner.stop();
    const live = await counts(db);

    const seen: number[] = [];
    const processed = await runner.rebuild('test.counts', (p) => seen.push(p.processed));
    expect(processed).toBe(30);
    expect(seen.at(-1)).toBe(30);
    expect(await counts(db)).toEqual(live);
    await expect(runner.rebuild('no.such')).rejects.toThrow(/no projection named no.such/);
  });
});
