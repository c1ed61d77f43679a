import { lazyPage } from '../../app/lazy';
import { type Feature } from '../../app/page';

/**
 * This feature's pages and menu links. Pages are loaded when first opened, so the console's first
 * load stays small: `page: lazyPage(() => import('./SomePage'), 'SomePage')`.
 */
export const feature: Feature = {
  routes: [
    { path: '/assistance', page: lazyPage(() => import('./AssistanceCasesPage'), 'AssistanceCasesPage') },
    { path: '/assistance/new', page: lazyPage(() => import('./RegisterVictimPage'), 'RegisterVictimPage') },
    { path: '/assistance/:id', page: lazyPage(() => import('./AssistanceCasePage'), 'AssistanceCasePage') },
  ],
  nav: [{ href: '/assistance', label: 'assistance.nav', agencyTypes: ['assistance_provider'] }],
};
