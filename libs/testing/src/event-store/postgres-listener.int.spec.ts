import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PostgresDatabase, SqlEventStore } from '@pamoja/event-store';
import { createTemporaryDatabase } from '../postgres.js';

// Integration tier, on a real PostgreSQL (unreachable: the test fails, nothing is skipped). The store's wake-ups
// come over LISTEN on a connection of its own, outside the pool: it must carry the process's name, as the pool's
// sessions do, and go when the store closes (left open, it kept a process from exiting and its database from
// being dropped).
let temporary: { url: string; drop: () => Promise<void> } | undefined;
let observer: PostgresDatabase | undefined;

beforeAll(async () => {
  temporary = await createTemporaryDatabase('listener');
  observer = new PostgresDatabase({ connectionString: temporary.url, applicationName: 'listener-observer' });
});

afterAll(async () => {
  await observer?.close();
  await temporary?.drop();
});

async function listeners(name: string): Promise<number> {
  if (!observer) throw new Error('the observer is not open');
  const [row] = await observer.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE datname = current_database() AND application_name = $1 AND query LIKE 'LISTEN %'`,
    [name],
  );
  return row?.n ?? 0;
}

describe("the event store's listening connection on PostgreSQL", () => {
  it('carries the application name and closes with the store', async () => {
    if (!temporary) throw new Error('no test database');
    const name = `pamoja-listener-${randomUUID().slice(0, 8)}`;
    const db = new PostgresDatabase({ connectionString: temporary.url, applicationName: name });
    try {
      const store = await SqlEventStore.open(db, { schema: `es_listen_${randomUUID().replaceAll('-', '')}` });
      expect(await listeners(name)).toBe(1);
      await store.close();
      // The server notices the session's end a moment after the client has ended it.
      for (let i = 0; i < 50 && (await listeners(name)) > 0; i++) await sleep(20);
      expect(await listeners(name)).toBe(0);
    } finally {
      await db.close();
    }
  });
});
