import { type ComponentType } from 'react';
import { CasePage } from '../features/case/CasePage';
import { CasesPage } from '../features/case/CasesPage';
import { OutboxPage } from '../features/outbox/OutboxPage';
import { HomePage } from '../features/queues/HomePage';
import { QueuePage } from '../features/queues/QueuePage';
import { ReferralPage } from '../features/referrals/ReferralPage';
import { SubmitReferralPage } from '../features/referrals/SubmitReferralPage';
import { CallbackPage } from '../features/sign-in/CallbackPage';
import { SignInPage } from '../features/sign-in/SignInPage';
import type { PageProps } from './page';

/** Every page of the console, by path; the first that matches is shown. */
export const ROUTES: readonly { path: string; page: ComponentType<PageProps> }[] = [
  { path: '/sign-in', page: SignInPage },
  { path: '/auth/callback', page: CallbackPage },
  { path: '/', page: HomePage },
  { path: '/queues/:queue', page: QueuePage },
  { path: '/cases', page: CasesPage },
  { path: '/cases/:id', page: CasePage },
  { path: '/referrals/new', page: SubmitReferralPage },
  { path: '/referrals/:id', page: ReferralPage },
  { path: '/outbox', page: OutboxPage },
];
