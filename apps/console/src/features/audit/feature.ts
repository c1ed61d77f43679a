import { lazyPage } from '../../app/lazy';
import { type Feature } from '../../app/page';

/** The audit trail: for auditors of any agency type (role `auditor`); reading it is itself audited. */
export const feature: Feature = {
  routes: [{ path: '/audit', page: lazyPage(() => import('./AuditPage'), 'AuditPage') }],
  nav: [{ href: '/audit', label: 'audit.nav', roles: ['auditor'] }],
};
