import { CasePage } from '../features/case/CasePage';
import { CasesPage } from '../features/case/CasesPage';
import { OutboxPage } from '../features/outbox/OutboxPage';
import { HomePage } from '../features/queues/HomePage';
import { QueuePage } from '../features/queues/QueuePage';
import { ReferralPage } from '../features/referrals/ReferralPage';
import { SubmitReferralPage } from '../features/referrals/SubmitReferralPage';
import { CallbackPage } from '../features/sign-in/CallbackPage';
import { SignInPage } from '../features/sign-in/SignInPage';
import { feature as assistance } from '../features/assistance/feature';
import { feature as audit } from '../features/audit/feature';
import { feature as dashboard } from '../features/dashboard/feature';
import { feature as investigations } from '../features/investigations/feature';
import { feature as meetings } from '../features/meetings/feature';
import { feature as prosecution } from '../features/prosecution/feature';
import { feature as sites } from '../features/sites/feature';
import { feature as webhooks } from '../features/webhooks/feature';
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

/** Every page of the console, by path; the first that matches is shown. */
export const ROUTES: readonly Route[] = [
  { path: '/sign-in', page: SignInPage },
  { path: '/auth/callback', page: CallbackPage },
  { path: '/', page: HomePage },
  { path: '/queues/:queue', page: QueuePage },
  { path: '/cases', page: CasesPage },
  { path: '/cases/:id', page: CasePage },
  { path: '/referrals/new', page: SubmitReferralPage },
  { path: '/referrals/:id', page: ReferralPage },
  { path: '/outbox', page: OutboxPage },
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
