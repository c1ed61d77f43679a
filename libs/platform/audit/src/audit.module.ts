import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { SQL_DATABASE, type SqlDatabase } from '@pamoja/event-store';
import { AUDIT_LOG } from './audit-log.js';
import { AuditInterceptor } from './audit.interceptor.js';
import { AuditResolver } from './audit.resolver.js';
import { ACCESS_AUDITOR } from '@pamoja/platform/policy';
import { AuditTrail } from './audit-trail.js';
import { SqlAuditLog } from './sql-audit-log.js';

interface AuditOptions {
  /** Serve the auditors' query (`auditEntries`): the embedded app, and one service in server mode. */
  readonly serveQueries: boolean;
}

/**
 * The audit log for the whole process: the log in the shared database, the trail every part writes
 * through (also the access policy's auditor), the interceptor that audits every command, and, where
 * served, the auditors' query.
 */
@Global()
@Module({})
export class AuditModule {
  static forRoot(options: AuditOptions): DynamicModule {
    return {
      module: AuditModule,
      providers: [
        { provide: AUDIT_LOG, inject: [SQL_DATABASE], useFactory: (db: SqlDatabase) => SqlAuditLog.open(db) },
        AuditTrail,
        { provide: ACCESS_AUDITOR, useExisting: AuditTrail },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
        ...(options.serveQueries ? [AuditResolver] : []),
      ],
      exports: [AUDIT_LOG, AuditTrail, ACCESS_AUDITOR],
    };
  }
}
