import { afterAll, beforeAll } from '@jest/globals';
import { PgliteDatabase } from '@pamoja/event-store';
import { auditLogContract } from '../audit-log.contract.js';
import { openSqlAuditLog } from './sql-audit-log.harness.js';

// Unit tier: the SQL audit log on PGlite in memory, one database for the file, a schema per log.
let shared: PgliteDatabase | undefined;

beforeAll(async () => {
  shared = await PgliteDatabase.open();
});

afterAll(async () => {
  await shared?.close();
});

auditLogContract('SqlAuditLog on PGlite (in memory)', () => {
  if (!shared) throw new Error('the shared PGlite database is not open');
  return openSqlAuditLog(shared);
});
