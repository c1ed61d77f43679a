import { randomUUID } from 'node:crypto';
import { beforeAll } from '@jest/globals';
import { openPostgresEventStore } from '@pamoja/event-store';
import { eventStoreContract } from './contract/index.js';
import { requirePostgres, TEST_DATABASE_URL } from '../postgres.js';

// Integration tier: a real PostgreSQL is required. If it is unreachable every test fails; nothing is skipped.
beforeAll(requirePostgres);

// Each test gets its own schema, dropped afterwards.
eventStoreContract('PostgreSQL', async (hooks) => {
  const store = await openPostgresEventStore({
    connectionString: TEST_DATABASE_URL,
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
