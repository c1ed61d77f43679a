export * from './decider-specification.js';
export * from './event-store.contract.js';
export * from './graphql-client.js';
export * from './referral-handoff.scenario.js';
export * from './postgres.js';
