import { lazyPage } from '../../app/lazy';
import { type Feature } from '../../app/page';

/**
 * The coordination meetings: the coordination body's list, scheduling and meeting pages (a participant
 * reaches a meeting by its link), and every agency's action points.
 */
export const feature: Feature = {
  routes: [
    { path: '/meetings', page: lazyPage(() => import('./MeetingsPage'), 'MeetingsPage') },
    { path: '/meetings/new', page: lazyPage(() => import('./ScheduleMeetingPage'), 'ScheduleMeetingPage') },
    { path: '/meetings/:id', page: lazyPage(() => import('./MeetingPage'), 'MeetingPage') },
    { path: '/action-points', page: lazyPage(() => import('./MyActionPointsPage'), 'MyActionPointsPage') },
  ],
  nav: [
    { href: '/meetings', label: 'meetings.nav', agencyTypes: ['coordination_body'] },
    { href: '/action-points', label: 'meetings.nav.actionPoints' },
  ],
};
