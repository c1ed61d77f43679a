import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import { PgliteDatabase } from '@pamoja/event-store';
import { personalDataKeysContract } from '../personal-data-keys.contract.js';
import {
  KEY_CACHE_MS,
  openDataDirectory,
  openSqlKeysInDataDirectory,
  openSqlKeysUnderMasterKey,
  type DataDirectory,
} from './sql-personal-data-keys.harness.js';

// Unit tier: the SQL key table on PGlite, under a master key from the environment (one in-memory database
// for the suite) and in a data directory whose key file is replaced after every erasure (one for the suite:
// each test opens its instances afresh, from the key file as it is then).
const masterKey = randomBytes(32);
let shared: PgliteDatabase | undefined;
let directory: DataDirectory | undefined;

beforeAll(async () => {
  shared = await PgliteDatabase.open();
  directory = await openDataDirectory();
});

afterAll(async () => {
  await shared?.close();
  await directory?.remove();
});

personalDataKeysContract(
  'SqlPersonalDataKeys on PGlite (in memory), master key from the environment',
  () => {
    if (!shared) throw new Error('the shared PGlite database is not open');
    return openSqlKeysUnderMasterKey(shared, masterKey);
  },
  { destroyedElsewhereWithinMs: KEY_CACHE_MS },
);

personalDataKeysContract(
  'SqlPersonalDataKeys on PGlite in a data directory, master key file rotated after each erasure',
  () => {
    if (!directory) throw new Error('the data directory is not open');
    return openSqlKeysInDataDirectory(directory);
  },
  { destroyedElsewhereWithinMs: KEY_CACHE_MS },
);
