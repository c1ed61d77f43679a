import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import { PostgresDatabase } from '@pamoja/event-store';
import { createTemporaryDatabase } from '../postgres.js';
import { eventStoreContract } from './contract/index.js';
import { openProtectedStore, suiteMasterKey } from './protected-stores.js';

// Integration tier: the store as the platform builds it, on a real PostgreSQL (unreachable: every test
// fails, nothing is skipped). A database of its own for the file, since the key table is one per database;
// a schema per test.
const uniqueSchema = (): string => `es_test_${randomUUID().replaceAll('-', '')}`;
const masterKey = suiteMasterKey();
let temporary: { url: string; drop: () => Promise<void> } | undefined;
let db: PostgresDatabase | undefined;

beforeAll(async () => {
  temporary = await createTemporaryDatabase('protected_store');
  db = new PostgresDatabase({ connectionString: temporary.url, poolSize: 12 });
});

afterAll(async () => {
  await db?.close();
  await temporary?.drop();
});

function database(): PostgresDatabase {
  if (!db) throw new Error('the test database is not open');
  return db;
}

eventStoreContract('ProtectedEventStore (as openProtectedEventStore opens it) on PostgreSQL', (hooks) =>
  openProtectedStore(database(), { schema: uniqueSchema(), masterKey, ...(hooks ? { hooks } : {}) }),
);

eventStoreContract('MembershipGuardedEventStore over ProtectedEventStore on PostgreSQL (the platform stack)', (hooks) =>
  openProtectedStore(database(), { schema: uniqueSchema(), masterKey, guarded: true, ...(hooks ? { hooks } : {}) }),
);
