import { SQL_DATABASE, type SqlDatabase } from '@pamoja/event-store';
import { defineContext } from '@pamoja/platform/context';
import { webhookEndpointCommands, WEBHOOKS_READ_MODEL } from '@pamoja/integrations/application';
import {
  SqlWebhooksReadModel,
  webhookEndpointsProjection,
  webhookOutboxProjection,
} from '@pamoja/integrations/infrastructure';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import { WebhookMessageResolver, WebhooksResolver } from './webhooks.resolver.js';

/**
 * The integrations context: integrators' webhook endpoints, the outbox the log feeds, and its dispatcher
 * (ADR 0028). Its own events are an integrator's configuration, never shared; what it sends are the
 * integration events the catalogue publishes, as CloudEvents.
 */
export const IntegrationsContext = defineContext({
  name: 'integrations',
  commands: [webhookEndpointCommands],
  projections: [webhookEndpointsProjection, webhookOutboxProjection()],
  providers: [
    {
      provide: WEBHOOKS_READ_MODEL,
      inject: [SQL_DATABASE],
      useFactory: (db: SqlDatabase) => new SqlWebhooksReadModel(db),
    },
    WebhooksResolver,
    WebhookMessageResolver,
    WebhookDispatcher,
  ],
});

export const IntegrationsModule = IntegrationsContext.module;
