import { lazyPage } from '../../app/lazy';
import { type Feature } from '../../app/page';

/**
 * The registry of mine sites: every agency may read it and record what it sees there (inspections,
 * incidents, a site it finds); the mining authority decides the status. The menu link is for the
 * mining authority, whose work it is; the queues and the cases link to a site's page for the others.
 */
export const feature: Feature = {
  routes: [
    { path: '/sites', page: lazyPage(() => import('./SitesPage'), 'SitesPage') },
    { path: '/sites/new', page: lazyPage(() => import('./RegisterSitePage'), 'RegisterSitePage') },
    { path: '/sites/:code', page: lazyPage(() => import('./SitePage'), 'SitePage') },
  ],
  nav: [{ href: '/sites', label: 'sites.nav', agencyTypes: ['mining_authority', 'coordination_body'] }],
};
