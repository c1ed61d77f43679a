import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import { PgliteDatabase } from '../sql/pglite-database.js';
import { SqlEventStore } from '../sql/sql-event-store.js';
import { describeChainBackfill, describeLogIntegrity, type OpenedIntegrityStore } from './log-integrity.fixture.js';

// PGlite in memory, one database for the file (booting it takes seconds), a schema for each test.
let shared: PgliteDatabase | undefined;

beforeAll(async () => {
  shared = await PgliteDatabase.open();
});

afterAll(async () => {
  await shared?.close();
});

const open = async (): Promise<OpenedIntegrityStore> => {
  if (!shared) throw new Error('the shared PGlite database is not open');
  const store = await SqlEventStore.open(shared, { schema: `integrity_${randomUUID().replaceAll('-', '')}` });
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
};

describeLogIntegrity('PGlite', open);
describeChainBackfill('PGlite', open);
