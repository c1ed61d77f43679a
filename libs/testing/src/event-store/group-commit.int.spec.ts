import { randomUUID } from 'node:crypto';
import { beforeAll } from '@jest/globals';
import { openPostgresEventStore } from '@pamoja/event-store';
import { requirePostgres, TEST_DATABASE_URL } from '../postgres.js';
import { describeGroupCommit } from './group-commit.fixture.js';

// Integration tier: a real PostgreSQL is required. If it is unreachable every test fails; nothing is skipped.
beforeAll(requirePostgres);

// Each test gets its own schema, dropped afterwards.
describeGroupCommit('PostgreSQL', async (groupCommit) => {
  const store = await openPostgresEventStore({
    groupCommit,
    connectionString: TEST_DATABASE_URL,
    schema: `es_group_${randomUUID().replaceAll('-', '')}`,
    poolSize: 10,
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
