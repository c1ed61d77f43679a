import { afterAll, beforeAll } from '@jest/globals';
import { PostgresDatabase } from '@pamoja/event-store';
import { auditLogContract } from '../audit-log.contract.js';
import { requirePostgres, TEST_DATABASE_URL } from '../postgres.js';
import { openSqlAuditLog } from './sql-audit-log.harness.js';

// Integration tier: a real PostgreSQL is required (unreachable: every test fails, nothing is skipped).
// A schema per log, dropped afterwards.
let db: PostgresDatabase | undefined;

beforeAll(async () => {
  await requirePostgres();
  db = new PostgresDatabase({ connectionString: TEST_DATABASE_URL, applicationName: 'audit-log-contract' });
});

afterAll(async () => {
  await db?.close();
});

auditLogContract('SqlAuditLog on PostgreSQL', () => {
  if (!db) throw new Error('the test database is not open');
  return openSqlAuditLog(db);
});
