export * from './webhook-endpoints.projection.js';
export * from './webhook-outbox.projection.js';
export * from './sql-webhook-deliveries.js';
export * from './sql-webhooks-read-model.js';
export * from './webhook-sender.js';
