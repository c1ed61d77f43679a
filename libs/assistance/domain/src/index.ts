export * from './vocabularies.js';
export * from './assistance.commands.js';
export * from './assistance.events.js';
export * from './assistance.state.js';
export { assistanceDecider, assistanceStreamId } from './assistance.decider.js';
export { ASSISTANCE_LIMITS, parseAssistanceCommand } from './assistance.parse.js';
