import { beforeAll } from '@jest/globals';
import { requirePostgres } from '../postgres.js';
import { openPostgresTestStore } from './contract/harness.js';
import { describeGroupCommit } from './group-commit.fixture.js';

// Integration tier: a real PostgreSQL is required. If it is unreachable every test fails; nothing is skipped.
beforeAll(requirePostgres);

// Each test gets its own schema, dropped afterwards.
describeGroupCommit('PostgreSQL', (groupCommit) => openPostgresTestStore('es_group', { groupCommit }));
