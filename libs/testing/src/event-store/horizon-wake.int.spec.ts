import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { NO_STREAM } from '@pamoja/event-store';
import { requirePostgres, TEST_DATABASE_URL } from '../postgres.js';
import { newEvent, openPostgresTestStore, within } from './contract/harness.js';

// Integration tier: a real PostgreSQL is required. If it is unreachable every test fails; nothing is skipped.
beforeAll(requirePostgres);

describe('a live reader held back by the horizon (ADR 0003)', () => {
  let cleanup: (() => Promise<void>) | undefined;
  let holder: pg.Client | undefined;
  afterEach(async () => {
    await holder?.end().catch(() => undefined);
    holder = undefined;
    await cleanup?.();
    cleanup = undefined;
  });

  it('gets its own process’s append as soon as the transaction holding the horizon ends, not at the next poll', async () => {
    // A poll so long that only the reader's own look-again can deliver within the test.
    const { store: opened, cleanup: dropIt } = await openPostgresTestStore('es_horizon', {
      poolSize: 4,
      pollIntervalMs: 60_000,
    });
    cleanup = dropIt;
    const delivered: string[] = [];
    const subscription = opened.subscribeToAll({
      after: await opened.headPosition(),
      onEvents: (events) => {
        delivered.push(...events.map((e) => e.eventId));
        return Promise.resolve();
      },
    });
    try {
      // Another client's write transaction, begun before the append: the log shows nothing past it.
      holder = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query('SELECT pg_current_xact_id()');
      const event = newEvent();
      await opened.appendToStream(`case-${randomUUID()}`, [event], { expectedRevision: NO_STREAM });
      // The append's own wake-up finds the event hidden behind the open transaction.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(delivered).toEqual([]);
      await holder.query('COMMIT');
      // Nothing else is appended: only the reader looking again can see it.
      await within(
        'the event to be delivered after the horizon moved',
        (async () => {
          while (!delivered.includes(event.eventId)) await new Promise((resolve) => setTimeout(resolve, 10));
        })(),
        10_000,
      );
      expect(delivered).toEqual([event.eventId]);
    } finally {
      await subscription.stop();
    }
  }, 30_000);
});
