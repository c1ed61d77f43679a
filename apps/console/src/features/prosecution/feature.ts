import { lazyPage } from '../../app/lazy';
import { type Feature } from '../../app/page';

/**
 * The prosecutor's office: the case files the police sent it (acknowledging one opens its
 * prosecution), its prosecutions, one prosecution's page, and its hearings on a calendar.
 */
export const feature: Feature = {
  routes: [
    { path: '/case-files', page: lazyPage(() => import('./CaseFilesPage'), 'CaseFilesPage') },
    { path: '/prosecutions', page: lazyPage(() => import('./ProsecutionsPage'), 'ProsecutionsPage') },
    { path: '/prosecutions/:id', page: lazyPage(() => import('./ProsecutionPage'), 'ProsecutionPage') },
    { path: '/hearings', page: lazyPage(() => import('./HearingsPage'), 'HearingsPage') },
  ],
  nav: [
    { href: '/case-files', label: 'prosecution.nav.caseFiles', agencyTypes: ['prosecutor'] },
    { href: '/prosecutions', label: 'prosecution.nav.prosecutions', agencyTypes: ['prosecutor'] },
    { href: '/hearings', label: 'prosecution.nav.hearings', agencyTypes: ['prosecutor'] },
  ],
};
