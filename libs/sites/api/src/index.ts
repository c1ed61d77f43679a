export * from './sites.module.js';
export * from './sites.graphql-types.js';
