import { lazyPage } from '../../app/lazy';
import { type Feature } from '../../app/page';

/**
 * The dashboards: every agency's (the coordination body's shows every agency), loaded when first opened,
 * so the chart library stays out of the console's first load. Integrators have no dashboard: they feed data.
 */
export const feature: Feature = {
  routes: [{ path: '/dashboard', page: lazyPage(() => import('./DashboardPage'), 'DashboardPage') }],
  nav: [
    {
      href: '/dashboard',
      label: 'dashboard.nav',
      agencyTypes: [
        'first_responder',
        'police',
        'prosecutor',
        'assistance_provider',
        'mining_authority',
        'coordination_body',
      ],
    },
  ],
};
