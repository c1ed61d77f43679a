import { beforeAll } from '@jest/globals';
import { eventStoreContract } from './contract/index.js';
import { filteredReadWindows } from './contract/filtered-windows.js';
import { openPostgresTestStore } from './contract/harness.js';
import { requirePostgres } from '../postgres.js';

// Integration tier: a real PostgreSQL is required. If it is unreachable every test fails; nothing is skipped.
beforeAll(requirePostgres);

// Each test gets its own schema, dropped afterwards.
eventStoreContract('PostgreSQL', (hooks) =>
  openPostgresTestStore('es_test', { poolSize: 12, pollIntervalMs: 25, ...(hooks ? { hooks } : {}) }),
);

filteredReadWindows('PostgreSQL', (filterWindow) =>
  openPostgresTestStore('es_windows', { pollIntervalMs: 25, filterWindow }),
);
