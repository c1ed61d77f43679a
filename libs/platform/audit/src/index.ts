export * from './audit-log.js';
export * from './sql-audit-log.js';
export * from './audit-trail.js';
export * from './purpose.js';
export * from './ids.js';
export * from './audit.interceptor.js';
export * from './audit.resolver.js';
export * from './audit.module.js';
