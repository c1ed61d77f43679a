export * from './vocabularies.js';
export * from './prosecution.commands.js';
export * from './prosecution.events.js';
export * from './prosecution.state.js';
export { PROSECUTION_LIMITS, prosecutionDecider, prosecutionStreamId } from './prosecution.decider.js';
