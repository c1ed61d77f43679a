import { lazyPage } from '../../app/lazy';
import { type Feature } from '../../app/page';

/**
 * The police's investigations: their list, the form that opens one from an accepted referral, and
 * each investigation's page. Pages are loaded when first opened, so the console's first load stays small.
 */
export const feature: Feature = {
  routes: [
    {
      path: '/investigations/new',
      page: lazyPage(() => import('./OpenInvestigationPage'), 'OpenInvestigationPage'),
    },
    { path: '/investigations/:id', page: lazyPage(() => import('./InvestigationPage'), 'InvestigationPage') },
    { path: '/investigations', page: lazyPage(() => import('./InvestigationsPage'), 'InvestigationsPage') },
  ],
  nav: [{ href: '/investigations', label: 'investigations.nav', agencyTypes: ['police'] }],
};
