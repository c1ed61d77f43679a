import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type NewEvent } from '@pamoja/contracts';
import { NO_STREAM, PgliteDatabase } from '@pamoja/event-store';
import { isEncryptedEnvelope, type ProtectedEventStore } from '@pamoja/platform';
import { eventStoreContract } from './contract/index.js';
import { openProtectedStore, suiteMasterKey } from './protected-stores.js';

// Unit tier: the store as the platform builds it, on PGlite in memory. One database for the file (booting
// PGlite is slow), a schema per test; the key table is the database's one, under one master key.
const uniqueSchema = (): string => `es_test_${randomUUID().replaceAll('-', '')}`;
const masterKey = suiteMasterKey();
let shared: PgliteDatabase | undefined;

beforeAll(async () => {
  shared = await PgliteDatabase.open();
});

afterAll(async () => {
  await shared?.close();
});

function database(): PgliteDatabase {
  if (!shared) throw new Error('the shared PGlite database is not open');
  return shared;
}

eventStoreContract('ProtectedEventStore on PGlite (in memory)', (hooks) =>
  openProtectedStore(database(), { schema: uniqueSchema(), masterKey, ...(hooks ? { hooks } : {}) }),
);

eventStoreContract('MembershipGuardedEventStore over ProtectedEventStore on PGlite (the platform stack)', (hooks) =>
  openProtectedStore(database(), { schema: uniqueSchema(), masterKey, guarded: true, ...(hooks ? { hooks } : {}) }),
);

describe('the protected store the contract runs on', () => {
  it('stores the fixtures the contract declares personal encrypted, and reads them back plain', async () => {
    const opened = await openProtectedStore(database(), { schema: uniqueSchema(), masterKey });
    try {
      const store = opened.store as ProtectedEventStore;
      const streamId = `case-${randomUUID()}`;
      const event: NewEvent = {
        eventId: randomUUID(),
        type: 'CaseOpened',
        schemaVersion: 1,
        data: { note: 'Bisie, Walikale', kept: 'in clear' },
        metadata: {
          actor: { userId: 'u', agencyId: 'a', agencyType: 'assistance_provider', roles: [] },
          correlationId: randomUUID(),
          causationId: null,
          jointCaseId: null,
          occurredAt: new Date().toISOString(),
        },
      };
      await store.appendToStream(streamId, [event], { expectedRevision: NO_STREAM });
      const [raw] = await store.inner.readStream(streamId);
      const rawData = raw?.data as Record<string, unknown>;
      expect(isEncryptedEnvelope(rawData['note'])).toBe(true);
      expect(JSON.stringify(rawData)).not.toContain('Bisie');
      expect(rawData['kept']).toBe('in clear');
      expect((await store.readStream(streamId))[0]?.data).toEqual(event.data);
    } finally {
      await opened.cleanup();
    }
  });
});
