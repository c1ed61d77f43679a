export * from './webhook-endpoint-command.js';
export * from './webhooks-read-model.port.js';
export * from './standard-webhooks.js';
export * from './delivery-policy.js';
