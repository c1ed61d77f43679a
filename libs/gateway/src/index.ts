export * from './compose.js';
export * from './gateway.js';
export * from './schema-check.js';
export * from './feed-forwarding.js';
