export * from './assistance.module.js';
export * from './assistance.graphql-types.js';
