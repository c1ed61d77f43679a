import { randomUUID } from 'node:crypto';
import { beforeAll } from '@jest/globals';
import pg from 'pg';

import { describeEventStoreContract } from '@pamoja/testing';
import { openPostgresEventStore } from './index.js';

const connectionString = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

// Integration tier: a real PostgreSQL is required. If it is unreachable every test fails; nothing is skipped.
beforeAll(async () => {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error: unknown) {
    throw new Error(
      `PostgreSQL is unreachable at ${redacted(connectionString)} (set DATABASE_URL or start the database): ${
        error instanceof Error ? error.message : String(error)
      }`,
      { cause: error },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
});

// Each test gets its own schema, dropped afterwards.
describeEventStoreContract('PostgreSQL', async (hooks) => {
  const store = await openPostgresEventStore({
    connectionString,
    schema: `es_test_${randomUUID().replaceAll('-', '')}`,
    poolSize: 12,
    pollIntervalMs: 25,
    ...(hooks ? { hooks } : {}),
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
});
