export * from './investigations.module.js';
export * from './investigation.graphql-types.js';
