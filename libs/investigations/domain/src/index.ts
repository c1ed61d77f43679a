export * from './vocabulary.js';
export * from './investigation.commands.js';
export * from './investigation.events.js';
export * from './investigation.state.js';
export { INVESTIGATION_LIMITS, investigationDecider, investigationStreamId } from './investigation.decider.js';
