import { randomBytes } from 'node:crypto';
import { type SqlDatabase } from '@pamoja/event-store';
import { SqlAuditLog } from '@pamoja/platform/audit';
import { type OpenedAuditLog } from '../audit-log.contract.js';

/**
 * The SQL audit log in a schema of its own on `db`. Tampering does what only the table's owner can: switch
 * the append-only trigger off, change or delete the row, switch it back on. Cleanup drops the schema.
 */
export async function openSqlAuditLog(db: SqlDatabase): Promise<OpenedAuditLog> {
  const schema = `audit_spec_${randomBytes(6).toString('hex')}`;
  const log = await SqlAuditLog.open(db, { schema });
  return {
    log,
    tamper: async (entry, how) => {
      const change =
        how === 'alter'
          ? `UPDATE ${schema}.entries SET outcome = 'FORBIDDEN' WHERE id = ${BigInt(entry.id)}`
          : `DELETE FROM ${schema}.entries WHERE id = ${BigInt(entry.id)}`;
      await db.exec(`ALTER TABLE ${schema}.entries DISABLE TRIGGER entries_append_only;
        ${change};
        ALTER TABLE ${schema}.entries ENABLE TRIGGER entries_append_only;`);
    },
    cleanup: () => db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`),
  };
}
