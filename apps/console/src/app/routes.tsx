import { HomePage } from '../features/queues/HomePage';
import { QueuePage } from '../features/queues/QueuePage';
import { SignInPage } from '../features/sign-in/SignInPage';
import { feature as assistance } from '../features/assistance/feature';
import { feature as audit } from '../features/audit/feature';
import { feature as dashboard } from '../features/dashboard/feature';
import { feature as investigations } from '../features/investigations/feature';
import { feature as meetings } from '../features/meetings/feature';
import { feature as prosecution } from '../features/prosecution/feature';
import { feature as sites } from '../features/sites/feature';
import { feature as webhooks } from '../features/webhooks/feature';
import { lazyPage } from './lazy';
import type { Feature, NavItem, Route } from './page';

/** Each agency's part of the console: its pages and its menu links. */
const FEATURES: readonly Feature[] = [
  dashboard,
  meetings,
  investigations,
  prosecution,
  assistance,
  sites,
  audit,
  webhooks,
];

/**
 * Every page of the console, by path; the first that matches is shown. The first load carries what a
 * person sees first (the sign-in page, their queues); every other page is its own chunk, fetched when first
 * opened and kept on the device by the service worker from the first visit on, so it opens offline too.
 */
export const ROUTES: readonly Route[] = [
  { path: '/sign-in', page: SignInPage },
  { path: '/auth/callback', page: lazyPage(() => import('../features/sign-in/CallbackPage'), 'CallbackPage') },
  { path: '/', page: HomePage },
  { path: '/queues/:queue', page: QueuePage },
  { path: '/cases', page: lazyPage(() => import('../features/case/CasesPage'), 'CasesPage') },
  { path: '/cases/:id', page: lazyPage(() => import('../features/case/CasePage'), 'CasePage') },
  {
    path: '/referrals/new',
    page: lazyPage(() => import('../features/referrals/SubmitReferralPage'), 'SubmitReferralPage'),
  },
  { path: '/referrals/:id', page: lazyPage(() => import('../features/referrals/ReferralPage'), 'ReferralPage') },
  { path: '/outbox', page: lazyPage(() => import('../features/outbox/OutboxPage'), 'OutboxPage') },
  ...FEATURES.flatMap((f) => f.routes),
];

/** The main menu's links after "My work" and "Cases", in the features' order. */
export const NAV: readonly NavItem[] = FEATURES.flatMap((f) => f.nav);

export function navFor(session: { readonly agencyType: string; readonly roles: readonly string[] }): NavItem[] {
  return NAV.filter(
    (item) =>
      (!item.agencyTypes || item.agencyTypes.includes(session.agencyType)) &&
      (!item.roles || item.roles.some((role) => session.roles.includes(role))),
  );
}
