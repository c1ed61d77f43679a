export * from './json-schema.js';
export * from './fields.js';
export * from './integration-event.js';
export * from './cloud-event-message.js';
export * from './asyncapi.js';
export * from './catalogue/index.js';
export * from './shared-event.js';
export * from './published-language.js';
