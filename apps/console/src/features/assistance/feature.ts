import { type Feature } from '../../app/page';

/**
 * This feature's pages and menu links. Pages are loaded when first opened, so the console's first
 * load stays small: `page: lazyPage(() => import('./SomePage'), 'SomePage')`.
 */
export const feature: Feature = { routes: [], nav: [] };
