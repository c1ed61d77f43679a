export * from './vocabularies.js';
export * from './investigation.commands.js';
export * from './investigation.events.js';
export * from './investigation.state.js';
export { investigationDecider, investigationStreamId } from './investigation.decider.js';
export { INVESTIGATION_LIMITS, parseInvestigationCommand } from './investigation.parse.js';
