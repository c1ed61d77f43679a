export { AuditModule } from './audit.module.js';
// The port: what every adapter implements and passes the contract in libs/testing (audit-log.contract.ts).
export {
  type AuditChainVerification,
  type AuditEntry,
  type AuditFilter,
  type AuditLog,
  type AuditPage,
  type AuditRecord,
} from './audit-log.js';
export { PURPOSE_HEADER, statedPurpose } from './purpose.js';
export { SqlAuditLog } from './sql-audit-log.js';
