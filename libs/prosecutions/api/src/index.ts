export * from './prosecutions.module.js';
export * from './prosecution.graphql-types.js';
