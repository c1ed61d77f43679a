export { IntegrationsContext, IntegrationsModule } from './integrations.module.js';
export { WebhookDispatcher, DISPATCH_INTERVAL_MS, DELIVERY_TIMEOUT_MS } from './webhook-dispatcher.js';
