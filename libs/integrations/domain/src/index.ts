export * from './vocabularies.js';
export * from './webhook-endpoint.commands.js';
export * from './webhook-endpoint.events.js';
export * from './webhook-endpoint.state.js';
export { webhookEndpointDecider, webhookEndpointStreamId } from './webhook-endpoint.decider.js';
export { parseWebhookEndpointCommand } from './webhook-endpoint.parse.js';
