export * from './decider-specification.js';
export * from './projection-specification.js';
export * from './event-store/contract/index.js';
export * from './audit-log.contract.js';
export * from './personal-data-keys.contract.js';
export * from './referral-handoff.scenario.js';
export * from './postgres.js';
// Tests speak to the API as any client does.
export {
  GraphqlClient as GraphqlTestClient,
  type GraphqlResponse,
  type GraphqlErrorBody,
} from '@pamoja/platform/graphql';
export * from './kafka.js';
export * from './started-services.js';
export * from './keycloak.js';
export * from './graphql-ws-feed.js';
export * from './access-matrix.js';
export * from './case-party.js';
export * from './e2e-harness.js';
export * from './test-sites.js';
export * from './kurrentdb/kurrentdb-stand-in.js';
