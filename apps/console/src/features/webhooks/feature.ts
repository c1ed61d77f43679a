import { lazyPage } from '../../app/lazy';
import { type Feature } from '../../app/page';

/**
 * Webhooks, for integrators only (the API refuses them to every other agency type): their endpoints, a new
 * one with its signing secret shown once, and each endpoint's secrets, settings and delivery log.
 */
export const feature: Feature = {
  routes: [
    { path: '/webhooks', page: lazyPage(() => import('./WebhooksPage'), 'WebhooksPage') },
    { path: '/webhooks/new', page: lazyPage(() => import('./CreateWebhookPage'), 'CreateWebhookPage') },
    { path: '/webhooks/:endpointId', page: lazyPage(() => import('./WebhookEndpointPage'), 'WebhookEndpointPage') },
  ],
  nav: [{ href: '/webhooks', label: 'webhooks.nav', agencyTypes: ['integrator'] }],
};
