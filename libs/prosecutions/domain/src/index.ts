export * from './prosecution.commands.js';
export * from './prosecution.events.js';
export * from './prosecution.state.js';
export * from './vocabularies.js';
export { HEARING_OUTCOME_GRACE_MS, prosecutionDecider, prosecutionStreamId } from './prosecution.decider.js';
export { parseProsecutionCommand, PROSECUTION_LIMITS } from './prosecution.parse.js';
