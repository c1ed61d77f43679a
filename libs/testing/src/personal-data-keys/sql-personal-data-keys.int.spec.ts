import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import { PostgresDatabase } from '@pamoja/event-store';
import { personalDataKeysContract } from '../personal-data-keys.contract.js';
import { createTemporaryDatabase } from '../postgres.js';
import { KEY_CACHE_MS, openSqlKeysUnderMasterKey } from './sql-personal-data-keys.harness.js';

// Integration tier: the SQL key table on a real PostgreSQL (unreachable: every test fails, nothing is
// skipped), in a database of its own, since the key table is one per database.
const masterKey = randomBytes(32);
let temporary: { url: string; drop: () => Promise<void> } | undefined;
let db: PostgresDatabase | undefined;

beforeAll(async () => {
  temporary = await createTemporaryDatabase('personal_data_keys');
  db = new PostgresDatabase({ connectionString: temporary.url, applicationName: 'personal-data-keys-contract' });
});

afterAll(async () => {
  await db?.close();
  await temporary?.drop();
});

personalDataKeysContract(
  'SqlPersonalDataKeys on PostgreSQL, master key from the environment',
  () => {
    if (!db) throw new Error('the test database is not open');
    return openSqlKeysUnderMasterKey(db, masterKey);
  },
  { destroyedElsewhereWithinMs: KEY_CACHE_MS },
);
