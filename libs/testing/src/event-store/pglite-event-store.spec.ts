import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { filteredReadWindows } from './contract/filtered-windows.js';
import { eventStoreContract } from './contract/index.js';
import { NO_STREAM, openPgliteEventStore, PgliteDatabase, SqlEventStore } from '@pamoja/event-store';

const uniqueSchema = (): string => `es_test_${randomUUID().replaceAll('-', '')}`;

// Unit tier: PGlite in memory. Booting PGlite takes 1-3 s, so the contract runs every test in its own schema
// of one shared in-memory database (the store does not own it, so close() leaves it open).
let shared: PgliteDatabase | undefined;

beforeAll(async () => {
  shared = await PgliteDatabase.open();
});

afterAll(async () => {
  await shared?.close();
});

eventStoreContract('PGlite (in memory)', async (hooks) => {
  if (!shared) throw new Error('the shared PGlite database is not open');
  const store = await SqlEventStore.open(shared, {
    schema: uniqueSchema(),
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

filteredReadWindows('PGlite (in memory)', async (filterWindow) => {
  if (!shared) throw new Error('the shared PGlite database is not open');
  const store = await SqlEventStore.open(shared, { schema: uniqueSchema(), pollIntervalMs: 25, filterWindow });
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

describe('openPgliteEventStore', () => {
  it('opens an in-memory store of its own and closes it', async () => {
    const store = await openPgliteEventStore({ schema: uniqueSchema() });
    try {
      const result = await store.appendToStream(
        `case-${randomUUID()}`,
        [
          {
            eventId: randomUUID(),
            type: 'CaseOpened',
            schemaVersion: 1,
            data: {},
            metadata: {
              actor: { userId: 'u', agencyId: 'a', agencyType: 'first_responder', roles: [] },
              correlationId: randomUUID(),
              causationId: null,
              jointCaseId: null,
              occurredAt: new Date().toISOString(),
            },
          },
        ],
        { expectedRevision: NO_STREAM },
      );
      expect(result.nextExpectedRevision).toBe(0);
      expect((await store.readAll()).events).toHaveLength(1);
    } finally {
      await store.close();
    }
    await expect(store.readAll()).rejects.toThrow();
  });
});
