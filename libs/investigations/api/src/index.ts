export * from './investigations.module.js';
export * from './investigation.graphql-types.js';
export * from './investigations.personal-data.js';
