export * from './vocabularies.js';
export * from './assistance.commands.js';
export * from './assistance.events.js';
export * from './assistance.state.js';
export { ASSISTANCE_LIMITS, assistanceDecider, assistanceStreamId } from './assistance.decider.js';
