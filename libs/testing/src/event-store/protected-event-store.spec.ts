import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type NewEvent } from '@pamoja/contracts';
import { ANY, NO_STREAM, PgliteDatabase, SqlEventStore } from '@pamoja/event-store';
import {
  isEncryptedEnvelope,
  PersonalDataRegistry,
  ProtectedEventStore,
  SqlPersonalDataKeys,
} from '@pamoja/platform/privacy';
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

eventStoreContract('ProtectedEventStore (as openProtectedEventStore opens it) on PGlite (in memory)', (hooks) =>
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

describe('ProtectedEventStore: a retry is a replay, also once its person was erased', () => {
  it('answers a retried append with the first result after the erasure, and still refuses new personal data', async () => {
    const db = database();
    const inner = await SqlEventStore.open(db, { schema: uniqueSchema() });
    try {
      const keys = await SqlPersonalDataKeys.open(db, masterKey);
      const registry = new PersonalDataRegistry()
        .declare({
          eventType: 'PersonRegistered',
          paths: ['name'],
          subjectOf: (data) => `person:${String(data['personId'])}`,
        })
        .declareErasure({
          eventType: 'PersonErased',
          subjectOf: (data) => `person:${String(data['personId'])}`,
          reasonOf: () => 'legal_request',
        });
      const store = new ProtectedEventStore(inner, keys, registry);
      const personId = randomUUID();
      const streamId = `person-${personId}`;
      const metadata: NewEvent['metadata'] = {
        actor: { userId: 'u', agencyId: 'a', agencyType: 'assistance_provider', roles: [] },
        correlationId: randomUUID(),
        causationId: null,
        jointCaseId: null,
        occurredAt: new Date().toISOString(),
      };
      const registered: NewEvent = {
        eventId: randomUUID(),
        type: 'PersonRegistered',
        schemaVersion: 1,
        data: { personId, name: 'Furaha Zawadi-Test' },
        metadata,
      };
      const first = await store.appendToStream(streamId, [registered], { expectedRevision: NO_STREAM });
      const erasure: NewEvent = {
        eventId: randomUUID(),
        type: 'PersonErased',
        schemaVersion: 1,
        data: { personId },
        metadata,
      };
      await store.appendToStream(streamId, [erasure], { expectedRevision: 0 });

      // The acknowledgement of the first append was lost; the writer tries again after the erasure.
      expect(await store.appendToStream(streamId, [registered], { expectedRevision: NO_STREAM })).toEqual({
        ...first,
        idempotentReplay: true,
      });
      expect((await store.readStream(streamId)).map((e) => [e.type, e.data])).toEqual([
        ['PersonRegistered', { personId, name: null }],
        ['PersonErased', { personId }],
      ]);
      // New personal data of the erased person is refused, as a new event or beside a retried one.
      const again: NewEvent = { ...registered, eventId: randomUUID() };
      await expect(store.appendToStream(streamId, [again], { expectedRevision: 1 })).rejects.toMatchObject({
        rule: 'personal_data_erased',
      });
      await expect(
        store.appendToStream(streamId, [registered, again], { expectedRevision: ANY }),
      ).rejects.toMatchObject({ rule: 'personal_data_erased' });
      expect(await store.streamRevision(streamId)).toBe(1);
    } finally {
      await inner.dropSchema();
      await inner.close();
    }
  });
});
